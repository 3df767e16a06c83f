import { useMutation, useQuery } from '@apollo/client/react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { navigate } from '../routing/route';
import { ComposeBox } from './ComposeBox';

const ComposeViewerDocument = graphql(`
  query ComposeViewer {
    viewer {
      id
      school {
        id
      }
      children {
        id
        shortName
      }
      taughtGroups {
        id
        name
        subject {
          id
          name
        }
      }
      ledClasses {
        id
        name
      }
    }
  }
`);

/** One person, or all parents of a group or class the viewer teaches or leads. */
type Recipient = { to: string } | { groupId: string } | { classId: string };

const recipientKey = (r: Recipient | undefined) => (!r ? '' : 'to' in r ? `to:${r.to}` : 'groupId' in r ? `group:${r.groupId}` : `class:${r.classId}`);

const ContactsDocument = graphql(`
  query Contacts($schoolId: ID!, $search: String!, $parentsOf: ID) {
    contacts(schoolId: $schoolId, search: $search, parentsOf: $parentsOf) {
      id
      shortName
      fullName
      note
      staff
      parent
      student
      children {
        id
        shortName
        className
      }
    }
  }
`);

const StartConversationDocument = graphql(`
  mutation StartConversation($input: StartConversationInput!) {
    startConversation(input: $input) {
      id
    }
  }
`);

/**
 * A conversation with one of the contacts the policy allows (R-C1), or an announcement to all parents
 * of a group or class (each family gets it privately and answers the teacher alone). A letter that
 * concerns a family with several children at the school names the child: a parent picks among their
 * own, a teacher among the addressee's; from the journal (`parentsOf`) the pupil is already chosen.
 */
export function NewConversation({ to, parentsOf }: { to?: string; parentsOf?: string }) {
  const { t } = useTranslation();
  const { data: viewerData } = useQuery(ComposeViewerDocument);
  const schoolId = viewerData?.viewer?.school?.id;
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const { data } = useQuery(ContactsDocument, { variables: { schoolId: schoolId ?? '', search: deferred, parentsOf }, skip: !schoolId });
  const [recipient, setRecipient] = useState<Recipient | undefined>(to ? { to } : undefined);
  const [subject, setSubject] = useState('');
  const [studentId, setStudentId] = useState<string>(parentsOf ?? '');
  const [sentToFamilies, setSentToFamilies] = useState(false);
  const [start] = useMutation(StartConversationDocument);
  const chosenContact = recipient && 'to' in recipient ? data?.contacts.find((c) => c.id === recipient.to) : undefined;
  // Whose children the letter may be about: the viewer's own (a parent), or the addressee's (a teacher writing to a parent).
  const children = chosenContact?.parent ? chosenContact.children : (viewerData?.viewer?.children ?? []);
  const announcement = !!recipient && !('to' in recipient);

  if (!viewerData) return <p className="muted">{t('app.loading')}</p>;
  if (sentToFamilies) {
    return (
      <section aria-labelledby="compose-title" className="card" data-testid="announcement-sent">
        <h1 id="compose-title" className="page-title">
          {t('teacherDay.announcementSent')}
        </h1>
        <p>{t('teacherDay.announcementSentText')}</p>
        <button type="button" className="button" onClick={() => navigate({ name: 'comms', view: { page: 'messages' } })}>
          {t('teacherDay.toInbox')}
        </button>
      </section>
    );
  }
  const contacts = data?.contacts ?? [];
  const audiences: { recipient: Recipient; label: string }[] = parentsOf
    ? []
    : [
        ...(viewerData.viewer?.ledClasses ?? []).map((c) => ({ recipient: { classId: c.id }, label: t('messages.allParentsOfClass', { name: c.name }) })),
        ...(viewerData.viewer?.taughtGroups ?? []).map((g) => ({
          recipient: { groupId: g.id },
          label: t('messages.allParentsOfGroup', { name: `${g.subject.name} · ${g.name}` }),
        })),
      ];
  const role = (c: (typeof contacts)[number]) => (c.staff ? t('messages.staff') : c.parent ? t('messages.parent') : c.student ? t('messages.student') : '');

  return (
    <section aria-labelledby="compose-title">
      <h1 id="compose-title" className="page-title">
        {t('messages.newConversation')}
      </h1>
      <div className="card">
        <div className="field">
          <label htmlFor="contact-search">{t('messages.to')}</label>
          <input
            id="contact-search"
            className="input"
            value={search}
            placeholder={t('messages.search')}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="contact-search"
          />
        </div>
        {data && contacts.length === 0 ? <p className="muted">{t('messages.noContacts')}</p> : null}
        <ul className="plain-list contacts" role="radiogroup" aria-label={t('messages.to')}>
          {audiences.map((a) => (
            <li key={recipientKey(a.recipient)}>
              <label className="contact">
                <input
                  type="radio"
                  name="recipient"
                  checked={recipientKey(recipient) === recipientKey(a.recipient)}
                  onChange={() => setRecipient(a.recipient)}
                  data-testid={`audience-${recipientKey(a.recipient)}`}
                />
                <span>{a.label}</span>
              </label>
            </li>
          ))}
          {contacts.map((c) => (
            <li key={c.id}>
              <label className="contact">
                <input
                  type="radio"
                  name="recipient"
                  checked={recipientKey(recipient) === `to:${c.id}`}
                  onChange={() => setRecipient({ to: c.id })}
                  data-testid={`contact-${c.id}`}
                />
                <span>{c.fullName}</span>
                <span className="muted">
                  {role(c)}
                  {c.note ? ` · ${c.note}` : ''}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <div className="card">
        <ComposeBox
          submitLabel={t('messages.start')}
          noFiles={announcement}
          disabled={!recipient || !subject.trim() || !schoolId}
          onSend={async (body, attachmentIds) => {
            const { data: started } = await start({
              variables: {
                input: {
                  schoolId: schoolId!,
                  ...recipient,
                  subject: subject.trim(),
                  body,
                  attachmentIds,
                  studentId: announcement ? undefined : studentId || undefined,
                },
              },
            });
            if (started && announcement) setSentToFamilies(true);
            else if (started) navigate({ name: 'comms', view: { page: 'conversation', conversationId: started.startConversation.id } });
          }}
        >
          <div className="field">
            <label htmlFor="compose-subject">{t('messages.subject')}</label>
            <input id="compose-subject" className="input" value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="compose-subject" />
          </div>
          {announcement ? (
            <p className="notice" data-testid="announcement-hint">
              {t('teacherDay.announcementHint')}
            </p>
          ) : null}
          {!announcement && children.length > 1 ? (
            <div className="field">
              <label htmlFor="compose-student">{t('messages.about')}</label>
              <select id="compose-student" value={studentId} onChange={(e) => setStudentId(e.target.value)} data-testid="compose-student">
                <option value="" />
                {children.map((c) => (
                  <option key={c.id} value={c.id}>
                    {'className' in c ? `${c.shortName}, ${c.className}` : c.shortName}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </ComposeBox>
      </div>
    </section>
  );
}
