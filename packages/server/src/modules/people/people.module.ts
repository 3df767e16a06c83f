import { defineModule } from '../../kernel/module.js';
import { Consent, DiaryVisit } from './consent.entity.js';
import { ConsentResolver } from './consent.resolver.js';
import { HomeSchooling } from './home-schooling.entity.js';
import { HomeSchoolingResolver } from './home-schooling.resolver.js';
import { StudentMovement } from './movement.entity.js';
import { MovementResolver } from './movement.resolver.js';
import { peopleLoaders } from './people.loaders.js';
import { EnrolmentResolver, PeopleResolver, PersonResolver, RoleGrantResolver, StudentResolver } from './people.resolver.js';
import { Guardianship } from './student.entity.js';
import { peopleRules } from './people.policy.js';

export const peopleModule = defineModule({
  name: 'people',
  resolvers: [StudentResolver, PeopleResolver, PersonResolver, RoleGrantResolver, EnrolmentResolver, MovementResolver, HomeSchoolingResolver, ConsentResolver],
  rules: peopleRules,
  entities: [Guardianship, StudentMovement, HomeSchooling, Consent, DiaryVisit],
  loaders: peopleLoaders,
});
