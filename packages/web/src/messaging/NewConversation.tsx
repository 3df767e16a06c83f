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
  query Contacts($schoolId: ID!, $search: String!) {
    contacts(schoolId: $schoolId, search: $search) {
      id
      shortName
      fullName
      note
      staff
      parent
      student
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

/** A conversation with one of the contacts the policy allows (R-C1). */
export function NewConversation({ to }: { to?: string }) {
  const { t } = useTranslation();
  const { data: viewerData } = useQuery(ComposeViewerDocument);
  const schoolId = viewerData?.viewer?.school?.id;
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const { data } = useQuery(ContactsDocument, { variables: { schoolId: schoolId ?? '', search: deferred }, skip: !schoolId });
  const [recipient, setRecipient] = useState<Recipient | undefined>(to ? { to } : undefined);
  const [subject, setSubject] = useState('');
  const children = viewerData?.viewer?.children ?? [];
  const [studentId, setStudentId] = useState<string>('');
  const [start] = useMutation(StartConversationDocument);

  if (!viewerData) return <p className="muted">{t('app.loading')}</p>;
  const contacts = data?.contacts ?? [];
  const audiences: { recipient: Recipient; label: string }[] = [
    ...(viewerData.viewer?.ledClasses ?? []).map((c) => ({ recipient: { classId: c.id }, label: t('messages.allParentsOfClass', { name: c.name }) })),
    ...(viewerData.viewer?.taughtGroups ?? []).map((g) => ({ recipient: { groupId: g.id }, label: t('messages.allParentsOfGroup', { name: `${g.subject.name} · ${g.name}` }) })),
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
          <input id="contact-search" className="input" value={search} placeholder={t('messages.search')} onChange={(e) => setSearch(e.target.value)} data-testid="contact-search" />
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
                <input type="radio" name="recipient" checked={recipientKey(recipient) === `to:${c.id}`} onChange={() => setRecipient({ to: c.id })} data-testid={`contact-${c.id}`} />
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
          disabled={!recipient || !subject.trim() || !schoolId}
          onSend={async (body, attachmentIds) => {
            const { data: started } = await start({
              variables: {
                input: { schoolId: schoolId!, ...recipient, subject: subject.trim(), body, attachmentIds, studentId: studentId || undefined },
              },
            });
            if (started) navigate({ name: 'comms', view: { page: 'conversation', conversationId: started.startConversation.id } });
          }}
        >
          <div className="field">
            <label htmlFor="compose-subject">{t('messages.subject')}</label>
            <input id="compose-subject" className="input" value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="compose-subject" />
          </div>
          {children.length > 1 ? (
            <div className="field">
              <label htmlFor="compose-student">{t('messages.about')}</label>
              <select id="compose-student" value={studentId} onChange={(e) => setStudentId(e.target.value)}>
                <option value="" />
                {children.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.shortName}
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
