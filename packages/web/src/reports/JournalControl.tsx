import { DutyList } from '../shared/DutyList';
import { FlaggedChanges } from './FlaggedChanges';
import { FlaggedMarks } from './FlaggedMarks';
import { JournalRemarksPanel } from './JournalRemarksPanel';
import { NoticeProblems } from './NoticeProblems';

interface Props {
  schoolId: string;
  periodId: string;
  canReview: boolean;
}

/**
 * The administration's control of the journals (issue 18, R-A2, R-J7, R-J9): its own duties and every
 * class's overdue ones, marks and changes from compromised accounts, notices to parents not given in
 * time, and remarks on journals.
 */
export function JournalControl({ schoolId, periodId, canReview }: Props) {
  return (
    <div className="control">
      <DutyList
        schoolId={schoolId}
        show={(d) => d.kind === 'MONTHLY_REPORT' || d.overdue}
        mayRecord={(d) => d.kind === 'MONTHLY_REPORT'}
        testId="school-duties"
      />
      <FlaggedMarks schoolId={schoolId} canReview={canReview} />
      <FlaggedChanges schoolId={schoolId} />
      <NoticeProblems periodId={periodId} />
      <JournalRemarksPanel />
    </div>
  );
}
