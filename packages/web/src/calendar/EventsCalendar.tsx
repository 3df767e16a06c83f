import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import type { Role } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { commsHref } from '../messaging/links';
import { compareIso, dateAtSchool, formatDate, formatDateTime, todayIso } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';

const CalendarViewerDocument = graphql(`
  query CalendarViewer {
    viewer {
      id
      roles
      school {
        id
      }
      ledClasses {
        id
        name
      }
    }
  }
`);

const EventsDocument = graphql(`
  query SchoolEvents($schoolId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {
    events(schoolId: $schoolId, from: $from, to: $to) {
      id
      title
      description
      place
      startsAt
      endsAt
      classId
    }
  }
`);

const CreateEventDocument = graphql(`
  mutation CreateSchoolEvent($input: CreateSchoolEventInput!) {
    createSchoolEvent(input: $input) {
      id
    }
  }
`);

/** Who may add events: a class teacher for their class, the administration for the school. */
const ORGANISERS: readonly Role[] = ['DIRECTOR', 'DEPUTY_DIRECTOR', 'SCHOOL_ADMIN'];

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

const HOUR = 3_600_000;

/** R-D2: school and class events by month; class teachers and the administration add them. */
export function EventsCalendar({ month: asked }: { month?: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const month = asked ?? todayIso().slice(0, 7);
  const { data: viewerData } = useQuery(CalendarViewerDocument);
  const viewer = viewerData?.viewer;
  const schoolId = viewer?.school?.id;
  // The month at the school: an event late in the evening belongs to the school's day. Asked with half a day on each
  // side (zones run from UTC−12 to UTC+14), then kept by the school's date of each event.
  const range = useMemo(() => {
    const [y, m] = month.split('-').map(Number);
    return { from: new Date(Date.UTC(y, m - 1, 1) - 14 * HOUR).toISOString(), to: new Date(Date.UTC(y, m, 1) + 12 * HOUR).toISOString() };
  }, [month]);
  const { data, error, refetch } = useQuery(EventsDocument, { variables: { schoolId: schoolId ?? '', ...range }, skip: !schoolId });
  const admin = viewer?.roles.some((r) => ORGANISERS.includes(r)) ?? false;
  const classes = viewer?.ledClasses ?? [];
  const canCreate = admin || classes.length > 0;
  const classNames = new Map(classes.map((c) => [c.id, c.name]));

  const byDay = useMemo(() => {
    const days = new Map<string, NonNullable<typeof data>['events']>();
    for (const e of [...(data?.events ?? [])].sort((a, b) => compareIso(a.startsAt, b.startsAt))) {
      const day = dateAtSchool(e.startsAt);
      if (day.startsWith(month)) days.set(day, [...(days.get(day) ?? []), e]);
    }
    return [...days.entries()];
  }, [data, month]);

  if (!viewer) return <p className="muted">{t('app.loading')}</p>;

  return (
    <section aria-labelledby="calendar-title">
      <div className="week-nav">
        <a className="button button--ghost button--small" href={commsHref({ page: 'calendar', month: shiftMonth(month, -1) })} aria-label={t('calendar.prev')}>
          ‹
        </a>
        <h1 id="calendar-title" className="week-nav__title">
          {t('calendar.title')} · {formatDate(`${month}-01`, lng, { month: 'long', year: 'numeric' })}
        </h1>
        <a className="button button--ghost button--small" href={commsHref({ page: 'calendar', month: shiftMonth(month, 1) })} aria-label={t('calendar.next')}>
          ›
        </a>
      </div>
      {error && !data ? <ScreenError error={errorText(error)} onRetry={() => void refetch()} /> : null}
      {data && byDay.length === 0 ? <p className="card muted">{t('calendar.empty')}</p> : null}
      {byDay.map(([day, events]) => (
        <section key={day} className="card day">
          <h2 className="day__title">{formatDate(day, lng, { weekday: 'long', day: 'numeric', month: 'long' })}</h2>
          <ul className="plain-list">
            {events.map((e) => (
              <li key={e.id} className="event" data-testid={`event-${e.id}`}>
                <strong>{e.title}</strong>{' '}
                <span className="muted">
                  {formatDateTime(e.startsAt, lng)}
                  {e.place ? ` · ${e.place}` : ''}
                  {e.classId ? ` · ${t('calendar.className', { name: classNames.get(e.classId) ?? '' })}` : ''}
                </span>
                {e.description ? <p>{e.description}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {canCreate && schoolId ? <NewEvent schoolId={schoolId} classes={classes} admin={admin} onCreated={() => void refetch()} /> : null}
    </section>
  );
}

function NewEvent({
  schoolId,
  classes,
  admin,
  onCreated,
}: {
  schoolId: string;
  classes: readonly { id: string; name: string }[];
  admin: boolean;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [create, { loading }] = useMutation(CreateEventDocument);
  const [title, setTitle] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [classId, setClassId] = useState(admin ? '' : (classes[0]?.id ?? ''));
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await create({
        variables: {
          input: {
            schoolId,
            classId: classId || undefined,
            title: title.trim(),
            startsAt: new Date(startsAt).toISOString(),
            endsAt: endsAt ? new Date(endsAt).toISOString() : undefined,
            place: place.trim() || undefined,
            description: description.trim() || undefined,
          },
        },
      });
      setTitle('');
      setPlace('');
      setDescription('');
      onCreated();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="event-form">
      <h2 className="subheading">{t('calendar.create')}</h2>
      <div className="field">
        <label htmlFor="event-title">{t('calendar.eventTitle')}</label>
        <input id="event-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="event-start">{t('calendar.startsAt')}</label>
        <input id="event-start" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="event-end">{t('calendar.endsAt')}</label>
        <input id="event-end" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="event-place">{t('calendar.place')}</label>
        <input id="event-place" value={place} onChange={(e) => setPlace(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="event-description">{t('calendar.description')}</label>
        <textarea id="event-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="event-class">{t('calendar.forClass')}</label>
        <select id="event-class" value={classId} onChange={(e) => setClassId(e.target.value)}>
          {admin ? <option value="">{t('calendar.wholeSchool')}</option> : null}
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {t('calendar.className', { name: c.name })}
            </option>
          ))}
        </select>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      <button type="submit" className="button button--primary" disabled={loading || !title.trim() || !startsAt}>
        {t('calendar.save')}
      </button>
    </form>
  );
}
