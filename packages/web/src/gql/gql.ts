/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminScreen {\n    viewer {\n      id\n      school {\n        id\n        name\n        subjects {\n          id\n          name\n        }\n        currentYear {\n          id\n          name\n          startsOn\n          endsOn\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          holidays {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          curriculum {\n            id\n            grade\n            hoursPerWeek\n            subject {\n              id\n            }\n          }\n          classes {\n            id\n            name\n            grade\n            classTeacher {\n              id\n              fullName\n            }\n            students {\n              id\n              fullName\n            }\n            groups {\n              id\n              name\n              kind\n              subject {\n                id\n                name\n              }\n              teachers {\n                id\n                shortName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AdminScreenDocument,
    "\n  query AdminStaff($schoolId: ID!) {\n    people(schoolId: $schoolId, role: TEACHER) {\n      id\n      fullName\n    }\n  }\n": typeof types.AdminStaffDocument,
    "\n  mutation AdminCreateClass($input: CreateClassInput!) {\n    createClass(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminCreateClassDocument,
    "\n  mutation AdminSetClassTeacher($classId: ID!, $teacherId: ID!) {\n    setClassTeacher(classId: $classId, teacherId: $teacherId) {\n      id\n    }\n  }\n": typeof types.AdminSetClassTeacherDocument,
    "\n  mutation AdminCreateGroup($input: CreateStudyGroupInput!) {\n    createStudyGroup(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminCreateGroupDocument,
    "\n  mutation AdminAssignTeacher($groupId: ID!, $teacherId: ID!, $startsOn: LocalDate!) {\n    assignTeacher(groupId: $groupId, teacherId: $teacherId, startsOn: $startsOn) {\n      id\n    }\n  }\n": typeof types.AdminAssignTeacherDocument,
    "\n  query ConsentRegister($schoolId: ID!, $classId: ID) {\n    consentRegister(schoolId: $schoolId, classId: $classId) {\n      status\n      schoolClass {\n        id\n        name\n      }\n      student {\n        id\n        fullName\n      }\n      guardians {\n        parentId\n        fullName\n        kind\n      }\n      consents {\n        id\n        active\n        givenAt\n        givenByName\n        documentNumber\n        withdrawnAt\n      }\n    }\n  }\n": typeof types.ConsentRegisterDocument,
    "\n  mutation AdminRecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminRecordConsentDocument,
    "\n  mutation AdminWithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n    }\n  }\n": typeof types.AdminWithdrawConsentDocument,
    "\n  mutation AdminCreateSubject($input: CreateSubjectInput!) {\n    createSubject(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminCreateSubjectDocument,
    "\n  mutation AdminSetCurriculumHours($input: SetCurriculumHoursInput!) {\n    setCurriculumHours(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminSetCurriculumHoursDocument,
    "\n  query AdminMovements($schoolId: ID!) {\n    movements(schoolId: $schoolId) {\n      id\n      kind\n      effectiveOn\n      orderNumber\n      orderDate\n      otherSchool\n      note\n      student {\n        id\n        fullName\n      }\n      fromClass {\n        id\n        name\n      }\n      toClass {\n        id\n        name\n      }\n    }\n  }\n": typeof types.AdminMovementsDocument,
    "\n  mutation AdminRecordMovement($input: RecordMovementInput!) {\n    recordMovement(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminRecordMovementDocument,
    "\n  query AdminPeople($schoolId: ID!, $role: Role) {\n    people(schoolId: $schoolId, role: $role) {\n      id\n      fullName\n      login\n      active\n      grants {\n        id\n        role\n        active\n        position\n      }\n    }\n  }\n": typeof types.AdminPeopleDocument,
    "\n  mutation AdminCreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      initialPassword\n      person {\n        id\n        fullName\n        login\n      }\n    }\n  }\n": typeof types.AdminCreatePersonDocument,
    "\n  mutation AdminGrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminGrantRoleDocument,
    "\n  mutation AdminRevokeRole($grantId: ID!) {\n    revokeRole(grantId: $grantId) {\n      id\n      active\n    }\n  }\n": typeof types.AdminRevokeRoleDocument,
    "\n  mutation AdminLinkGuardian($kind: GuardianKind!, $parentId: ID!, $studentId: ID!, $reason: String!) {\n    linkGuardian(kind: $kind, parentId: $parentId, studentId: $studentId, reason: $reason) {\n      parentId\n    }\n  }\n": typeof types.AdminLinkGuardianDocument,
    "\n  mutation AdminEndGuardianship($parentId: ID!, $studentId: ID!, $reason: String!) {\n    endGuardianship(parentId: $parentId, studentId: $studentId, reason: $reason)\n  }\n": typeof types.AdminEndGuardianshipDocument,
    "\n  mutation AdminLinkIdentity($userId: ID!, $subject: String!, $reason: String!) {\n    linkOidcIdentity(userId: $userId, subject: $subject, reason: $reason)\n  }\n": typeof types.AdminLinkIdentityDocument,
    "\n  mutation AdminUnlinkIdentity($userId: ID!, $reason: String!) {\n    unlinkOidcIdentity(userId: $userId, reason: $reason)\n  }\n": typeof types.AdminUnlinkIdentityDocument,
    "\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      committed\n      imported\n      rows {\n        line\n        ok\n        fullName\n        login\n        initialPassword\n        error\n      }\n    }\n  }\n": typeof types.ImportPeopleDocument,
    "\n  query AdminSubstitutionRequests($schoolId: ID!) {\n    substitutionRequests(schoolId: $schoolId) {\n      id\n      date\n      lessonNumber\n      substitutionReason\n      group {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      teacher {\n        id\n        shortName\n      }\n      substitute {\n        id\n        shortName\n      }\n    }\n  }\n": typeof types.AdminSubstitutionRequestsDocument,
    "\n  mutation AdminApproveSubstitution($lessonId: ID!) {\n    approveSubstitution(lessonId: $lessonId) {\n      id\n      substitutionApproved\n    }\n  }\n": typeof types.AdminApproveSubstitutionDocument,
    "\n  query AdminTimetable($groupId: ID!, $periodId: ID!) {\n    timetable(groupId: $groupId, periodId: $periodId) {\n      id\n      weekday\n      lessonNumber\n      room\n      teacher {\n        id\n        shortName\n      }\n    }\n  }\n": typeof types.AdminTimetableDocument,
    "\n  mutation AdminSetTimetableSlot($input: SetTimetableSlotInput!) {\n    setTimetableSlot(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminSetTimetableSlotDocument,
    "\n  mutation AdminRemoveTimetableSlot($slotId: ID!) {\n    removeTimetableSlot(slotId: $slotId)\n  }\n": typeof types.AdminRemoveTimetableSlotDocument,
    "\n  mutation AdminGenerateLessons($periodId: ID!) {\n    generateLessons(periodId: $periodId)\n  }\n": typeof types.AdminGenerateLessonsDocument,
    "\n  mutation AdminCreateYear($input: CreateAcademicYearInput!) {\n    createAcademicYear(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminCreateYearDocument,
    "\n  mutation AdminAddHoliday($input: AddHolidayInput!) {\n    addHoliday(input: $input) {\n      id\n    }\n  }\n": typeof types.AdminAddHolidayDocument,
    "\n  mutation ApiSignIn($login: String!, $password: String!) {\n    login(login: $login, password: $password, scope: API) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.ApiSignInDocument,
    "\n  query CalendarViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CalendarViewerDocument,
    "\n  query SchoolEvents($schoolId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    events(schoolId: $schoolId, from: $from, to: $to) {\n      id\n      title\n      description\n      place\n      startsAt\n      endsAt\n      classId\n    }\n  }\n": typeof types.SchoolEventsDocument,
    "\n  mutation CreateSchoolEvent($input: CreateSchoolEventInput!) {\n    createSchoolEvent(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSchoolEventDocument,
    "\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ChildList_ViewerFragmentDoc,
    "\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n": typeof types.Header_ViewerFragmentDoc,
    "\n  mutation Login($login: String!, $password: String!, $deviceToken: String) {\n    login(login: $login, password: $password, deviceToken: $deviceToken) {\n      token\n      deviceToken\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  fragment Nav_viewer on Viewer {\n    id\n    roles\n    taughtGroups {\n      id\n    }\n    ledClasses {\n      id\n    }\n    children {\n      id\n      fullName\n    }\n  }\n": typeof types.Nav_ViewerFragmentDoc,
    "\n  query Shell {\n    viewer {\n      id\n      roles\n      ...Header_viewer\n      ...WelcomeCard_viewer\n      ...Nav_viewer\n    }\n  }\n": typeof types.ShellDocument,
    "\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n": typeof types.WelcomeCard_ViewerFragmentDoc,
    "\n  fragment DiaryScreen_viewer on Viewer {\n    id\n    fullName\n    roles\n    children {\n      id\n      fullName\n      diaryAccess\n      schoolClass {\n        id\n        name\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n": typeof types.DiaryScreen_ViewerFragmentDoc,
    "\n  query DiaryScreen {\n    viewer {\n      id\n      ...DiaryScreen_viewer\n    }\n  }\n": typeof types.DiaryScreenDocument,
    "\n  query StudentTerm($studentId: ID!, $periodId: ID!) {\n    studentTerm(studentId: $studentId, periodId: $periodId) {\n      group {\n        id\n        name\n        scale\n        subject {\n          id\n          name\n        }\n      }\n      marks {\n        id\n        value\n        date\n        weight\n        retracted\n        workType {\n          id\n          code\n          name\n        }\n      }\n      average {\n        plain\n        weighted\n        predicted\n        markCount\n      }\n      periodMark {\n        id\n        kind\n        value\n        postponedUntil\n        reason\n        acknowledgedAt\n        version\n      }\n    }\n  }\n": typeof types.StudentTermDocument,
    "\n  query MarksNeeded($studentId: ID!, $groupId: ID!, $periodId: ID!) {\n    toFive: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 5) {\n      target\n      value\n      count\n    }\n    toFour: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 4) {\n      target\n      value\n      count\n    }\n  }\n": typeof types.MarksNeededDocument,
    "\n  mutation AcknowledgeFinalMark($finalMarkId: ID!) {\n    acknowledgeFinalMark(finalMarkId: $finalMarkId) {\n      id\n      acknowledgedAt\n    }\n  }\n": typeof types.AcknowledgeFinalMarkDocument,
    "\n  query DiaryWeek($studentId: ID!, $weekOf: LocalDate!) {\n    diary(studentId: $studentId, weekOf: $weekOf) {\n      weekStart\n      student {\n        id\n        fullName\n      }\n      lessons {\n        id\n        date\n        lessonNumber\n        room\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n        group {\n          id\n          scale\n        }\n        teacher {\n          id\n          shortName\n        }\n        substitute {\n          id\n          shortName\n        }\n      }\n      marks {\n        id\n        lessonId\n        date\n        value\n        weight\n        comment\n        backdated\n        retracted\n        workType {\n          id\n          code\n          name\n          weight\n        }\n        ...MarkHistory_mark\n      }\n      attendance {\n        id\n        lessonId\n        status\n        minutesLate\n      }\n      remarks {\n        id\n        lessonId\n        kind\n        text\n        at\n        author {\n          id\n          shortName\n        }\n      }\n    }\n  }\n": typeof types.DiaryWeekDocument,
    "\n  query StudentYearMarks($studentId: ID!, $yearId: ID!) {\n    studentYearMarks(studentId: $studentId, yearId: $yearId) {\n      id\n      kind\n      value\n      postponedUntil\n      periodId\n      subject {\n        id\n        name\n      }\n    }\n  }\n": typeof types.StudentYearMarksDocument,
    "\n  query ConsentViewer {\n    viewer {\n      id\n      fullName\n    }\n  }\n": typeof types.ConsentViewerDocument,
    "\n  mutation GiveConsent($studentId: ID!) {\n    recordConsent(input: { studentId: $studentId }) {\n      id\n      active\n      givenAt\n      givenById\n      withdrawnAt\n    }\n  }\n": typeof types.GiveConsentDocument,
    "\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": typeof types.WithdrawConsentDocument,
    "\n  query FamilyHome {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n        diaryAccess\n        schoolClass {\n          id\n          name\n        }\n        consents {\n          id\n          active\n          givenAt\n          givenById\n          givenByName\n        }\n      }\n    }\n    notices(first: 50) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n": typeof types.FamilyHomeDocument,
    "\n  query FamilyWarnings($studentId: ID!) {\n    intendedMarkNotices(studentId: $studentId) {\n      id\n      subjectName\n      intendedMark\n      average\n      reason\n      inTime\n      periodId\n      createdAt\n    }\n  }\n": typeof types.FamilyWarningsDocument,
    "\n  fragment NoticeItem_notice on Notice {\n    id\n    eventId\n    kind\n    title\n    body\n    at\n    readAt\n    url\n  }\n": typeof types.NoticeItem_NoticeFragmentDoc,
    "\n  query NoticeList {\n    notices(first: 100) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n": typeof types.NoticeListDocument,
    "\n  mutation MarkNoticesRead {\n    markNoticesRead\n  }\n": typeof types.MarkNoticesReadDocument,
    "\n  query UnreadNotices {\n    unreadNoticeCount\n  }\n": typeof types.UnreadNoticesDocument,
    "\n  mutation SetAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n  }\n": typeof types.SetAttendanceDocument,
    "\n  fragment JournalGrid_page on JournalPage {\n    scale\n    group {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    period {\n      id\n      name\n      startsOn\n      endsOn\n    }\n    lessons {\n      id\n      date\n      lessonNumber\n      topic\n      homework\n    }\n    students {\n      id\n      fullName\n      shortName\n    }\n    marks {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n    attendance {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n    averages {\n      studentId\n      plain\n      weighted\n      predicted\n      markCount\n    }\n    finalMarks {\n      id\n      kind\n      value\n      studentId\n      postponedUntil\n    }\n    workTypes {\n      id\n      code\n      name\n      weight\n    }\n  }\n": typeof types.JournalGrid_PageFragmentDoc,
    "\n  mutation PutMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n": typeof types.PutMarkDocument,
    "\n  query Journal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      ...JournalGrid_page\n    }\n  }\n": typeof types.JournalDocument,
    "\n  fragment JournalScreen_viewer on Viewer {\n    taughtGroups {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    ledClasses {\n      id\n      groups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n": typeof types.JournalScreen_ViewerFragmentDoc,
    "\n  query JournalScreen {\n    viewer {\n      id\n      ...JournalScreen_viewer\n    }\n  }\n": typeof types.JournalScreenDocument,
    "\n  mutation SetLessonContent($input: SetLessonContentInput!) {\n    setLessonContent(input: $input) {\n      id\n      topic\n      homework\n    }\n  }\n": typeof types.SetLessonContentDocument,
    "\n  fragment MarkDialog_mark on Mark {\n    id\n    value\n    version\n    weight\n    backdated\n    comment\n    date\n    enteredAt\n    workType {\n      id\n      code\n      name\n      weight\n    }\n    ...MarkHistory_mark\n  }\n": typeof types.MarkDialog_MarkFragmentDoc,
    "\n  mutation ChangeMark($input: ChangeMarkInput!) {\n    changeMark(input: $input) {\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n": typeof types.ChangeMarkDocument,
    "\n  mutation RetractMark($markId: ID!, $version: Int!, $reason: String!) {\n    retractMark(markId: $markId, version: $version, reason: $reason) {\n      id\n      retracted\n      version\n    }\n  }\n": typeof types.RetractMarkDocument,
    "\n  query ClassMonitor {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n        students {\n          id\n          shortName\n        }\n        groups {\n          id\n          scale\n          subject {\n            id\n            name\n          }\n        }\n      }\n      school {\n        id\n        currentYear {\n          id\n          periods {\n            id\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClassMonitorDocument,
    "\n  query MonitorJournal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      lessons {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      marks {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n      }\n    }\n  }\n": typeof types.MonitorJournalDocument,
    "\n  subscription ClassLive($classId: ID!, $after: ID) {\n    classEvents(classId: $classId, after: $after) {\n      id\n      type\n      student {\n        id\n        shortName\n      }\n      mark {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      lesson {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n        group {\n          id\n        }\n      }\n    }\n  }\n": typeof types.ClassLiveDocument,
    "\n  subscription DiaryLive($studentId: ID!, $after: ID) {\n    diaryEvents(studentId: $studentId, after: $after) {\n      id\n      type\n      at\n      mark {\n        id\n        lessonId\n        date\n        value\n        retracted\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        date\n        status\n      }\n      remark {\n        id\n        lessonId\n        kind\n        text\n      }\n      lesson {\n        id\n        date\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n      }\n      finalMark {\n        id\n      }\n    }\n  }\n": typeof types.DiaryLiveDocument,
    "\n  query WallClasses {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n      }\n      children {\n        id\n        schoolClass {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.WallClassesDocument,
    "\n  query ClassWall($classId: ID!) {\n    classWall(classId: $classId) {\n      id\n      author\n      body\n      postedAt\n    }\n  }\n": typeof types.ClassWallDocument,
    "\n  mutation PostToClassWall($classId: ID!, $text: String!) {\n    postToClassWall(classId: $classId, text: $text) {\n      id\n    }\n  }\n": typeof types.PostToClassWallDocument,
    "\n  query CommsViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n      }\n    }\n  }\n": typeof types.CommsViewerDocument,
    "\n  query Conversation($id: ID!) {\n    viewer {\n      id\n    }\n    conversation(id: $id) {\n      id\n      subject\n      kind\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n        staff\n      }\n      messages {\n        id\n        authorId\n        body\n        sentAt\n        retractedAt\n        retractionReason\n        attachments {\n          id\n          fileName\n          size\n          url\n        }\n        readBy {\n          readerId\n          at\n        }\n      }\n    }\n  }\n": typeof types.ConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation MarkConversationRead($conversationId: ID!) {\n    markConversationRead(conversationId: $conversationId) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkConversationReadDocument,
    "\n  mutation RetractMessage($messageId: ID!) {\n    retractMessage(messageId: $messageId) {\n      id\n      body\n      retractedAt\n      retractionReason\n      attachments {\n        id\n      }\n    }\n  }\n": typeof types.RetractMessageDocument,
    "\n  query Inbox {\n    viewer {\n      id\n    }\n    conversations {\n      id\n      subject\n      kind\n      lastMessageAt\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n      }\n      lastMessage {\n        id\n        body\n        retractedAt\n      }\n    }\n  }\n": typeof types.InboxDocument,
    "\n  query ComposeViewer {\n    viewer {\n      id\n      school {\n        id\n      }\n      children {\n        id\n        shortName\n      }\n      taughtGroups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ComposeViewerDocument,
    "\n  query Contacts($schoolId: ID!, $search: String!) {\n    contacts(schoolId: $schoolId, search: $search) {\n      id\n      shortName\n      fullName\n      note\n      staff\n      parent\n      student\n    }\n  }\n": typeof types.ContactsDocument,
    "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n": typeof types.StartConversationDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n": typeof types.NotificationSettingsDocument,
    "\n  mutation SetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n": typeof types.SetNotificationSettingsDocument,
    "\n  query OverdueLetters($schoolId: ID!) {\n    overdueLetters(schoolId: $schoolId) {\n      conversationId\n      subject\n      from\n      to\n      className\n      awaitingSince\n      answerDueAt\n    }\n  }\n": typeof types.OverdueLettersDocument,
    "\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n": typeof types.UnreadMessageCountDocument,
    "\n  subscription MessageEvents($schoolId: ID!, $after: ID) {\n    messageEvents(schoolId: $schoolId, after: $after) {\n      id\n      type\n      conversationId\n    }\n  }\n": typeof types.MessageEventsDocument,
    "\n  query DeviceSettings {\n    pushPublicKey\n    pushSubscriptions {\n      id\n      device\n      endpoint\n      createdAt\n    }\n  }\n": typeof types.DeviceSettingsDocument,
    "\n  mutation RegisterPush($input: RegisterPushSubscriptionInput!) {\n    registerPushSubscription(input: $input) {\n      id\n    }\n  }\n": typeof types.RegisterPushDocument,
    "\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n": typeof types.UnregisterPushDocument,
    "\n  mutation ReplayMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n    }\n  }\n": typeof types.ReplayMarkDocument,
    "\n  mutation ReplayAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n    }\n  }\n": typeof types.ReplayAttendanceDocument,
    "\n  query AuditLog($schoolId: ID!, $filter: AuditFilter, $after: String) {\n    auditLog(schoolId: $schoolId, filter: $filter, after: $after, first: 50) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entity\n          entityId\n          actorName\n          actorLogin\n          ip\n          invalidatedAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query FillRate($schoolId: ID!, $periodId: ID!) {\n    fillRate(schoolId: $schoolId, periodId: $periodId) {\n      asOf\n      rows {\n        group {\n          id\n          name\n        }\n        subject {\n          id\n          name\n        }\n        teachers {\n          id\n          shortName\n        }\n        lessonsHeld\n        lessonsWithoutTopic {\n          id\n        }\n        lessonsWithoutHomework {\n          id\n        }\n        markCount\n        marksLate\n        marksBackdated\n        studentCount\n        studentsWithoutMarks {\n          id\n        }\n        withoutMarksShare\n        oneMarkShare\n      }\n    }\n  }\n": typeof types.FillRateDocument,
    "\n  query PeriodAnalytics($periodId: ID!) {\n    periodAnalytics(periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      stats {\n        fives\n        fours\n        threes\n        failing\n        notAttested\n        quality\n        success\n      }\n    }\n  }\n": typeof types.PeriodAnalyticsDocument,
    "\n  query ReportsScreen {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n      }\n      ledClasses {\n        id\n        name\n      }\n      school {\n        id\n        currentYear {\n          id\n          classes {\n            id\n            name\n          }\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n": typeof types.ReportsScreenDocument,
    "\n  query ClassSummary($classId: ID!, $periodId: ID!) {\n    classSummary(classId: $classId, periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      period {\n        id\n        name\n      }\n      subjects {\n        subject {\n          id\n          name\n        }\n        stats {\n          fives\n          fours\n          threes\n          failing\n          notAttested\n          quality\n          success\n        }\n      }\n      rows {\n        number\n        student {\n          id\n          fullName\n        }\n        cells {\n          subjectId\n          average\n          periodMark\n          markCount\n        }\n        attendance {\n          missed\n          ill\n          late\n        }\n      }\n    }\n  }\n": typeof types.ClassSummaryDocument,
    "\n  fragment MarkHistory_mark on Mark {\n    id\n    history {\n      kind\n      version\n      oldValue\n      newValue\n      oldWorkType\n      newWorkType\n      reason\n      backdated\n      at\n      author {\n        id\n        shortName\n      }\n    }\n  }\n": typeof types.MarkHistory_MarkFragmentDoc,
};
const documents: Documents = {
    "\n  query AdminScreen {\n    viewer {\n      id\n      school {\n        id\n        name\n        subjects {\n          id\n          name\n        }\n        currentYear {\n          id\n          name\n          startsOn\n          endsOn\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          holidays {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          curriculum {\n            id\n            grade\n            hoursPerWeek\n            subject {\n              id\n            }\n          }\n          classes {\n            id\n            name\n            grade\n            classTeacher {\n              id\n              fullName\n            }\n            students {\n              id\n              fullName\n            }\n            groups {\n              id\n              name\n              kind\n              subject {\n                id\n                name\n              }\n              teachers {\n                id\n                shortName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AdminScreenDocument,
    "\n  query AdminStaff($schoolId: ID!) {\n    people(schoolId: $schoolId, role: TEACHER) {\n      id\n      fullName\n    }\n  }\n": types.AdminStaffDocument,
    "\n  mutation AdminCreateClass($input: CreateClassInput!) {\n    createClass(input: $input) {\n      id\n    }\n  }\n": types.AdminCreateClassDocument,
    "\n  mutation AdminSetClassTeacher($classId: ID!, $teacherId: ID!) {\n    setClassTeacher(classId: $classId, teacherId: $teacherId) {\n      id\n    }\n  }\n": types.AdminSetClassTeacherDocument,
    "\n  mutation AdminCreateGroup($input: CreateStudyGroupInput!) {\n    createStudyGroup(input: $input) {\n      id\n    }\n  }\n": types.AdminCreateGroupDocument,
    "\n  mutation AdminAssignTeacher($groupId: ID!, $teacherId: ID!, $startsOn: LocalDate!) {\n    assignTeacher(groupId: $groupId, teacherId: $teacherId, startsOn: $startsOn) {\n      id\n    }\n  }\n": types.AdminAssignTeacherDocument,
    "\n  query ConsentRegister($schoolId: ID!, $classId: ID) {\n    consentRegister(schoolId: $schoolId, classId: $classId) {\n      status\n      schoolClass {\n        id\n        name\n      }\n      student {\n        id\n        fullName\n      }\n      guardians {\n        parentId\n        fullName\n        kind\n      }\n      consents {\n        id\n        active\n        givenAt\n        givenByName\n        documentNumber\n        withdrawnAt\n      }\n    }\n  }\n": types.ConsentRegisterDocument,
    "\n  mutation AdminRecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n": types.AdminRecordConsentDocument,
    "\n  mutation AdminWithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n    }\n  }\n": types.AdminWithdrawConsentDocument,
    "\n  mutation AdminCreateSubject($input: CreateSubjectInput!) {\n    createSubject(input: $input) {\n      id\n    }\n  }\n": types.AdminCreateSubjectDocument,
    "\n  mutation AdminSetCurriculumHours($input: SetCurriculumHoursInput!) {\n    setCurriculumHours(input: $input) {\n      id\n    }\n  }\n": types.AdminSetCurriculumHoursDocument,
    "\n  query AdminMovements($schoolId: ID!) {\n    movements(schoolId: $schoolId) {\n      id\n      kind\n      effectiveOn\n      orderNumber\n      orderDate\n      otherSchool\n      note\n      student {\n        id\n        fullName\n      }\n      fromClass {\n        id\n        name\n      }\n      toClass {\n        id\n        name\n      }\n    }\n  }\n": types.AdminMovementsDocument,
    "\n  mutation AdminRecordMovement($input: RecordMovementInput!) {\n    recordMovement(input: $input) {\n      id\n    }\n  }\n": types.AdminRecordMovementDocument,
    "\n  query AdminPeople($schoolId: ID!, $role: Role) {\n    people(schoolId: $schoolId, role: $role) {\n      id\n      fullName\n      login\n      active\n      grants {\n        id\n        role\n        active\n        position\n      }\n    }\n  }\n": types.AdminPeopleDocument,
    "\n  mutation AdminCreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      initialPassword\n      person {\n        id\n        fullName\n        login\n      }\n    }\n  }\n": types.AdminCreatePersonDocument,
    "\n  mutation AdminGrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n": types.AdminGrantRoleDocument,
    "\n  mutation AdminRevokeRole($grantId: ID!) {\n    revokeRole(grantId: $grantId) {\n      id\n      active\n    }\n  }\n": types.AdminRevokeRoleDocument,
    "\n  mutation AdminLinkGuardian($kind: GuardianKind!, $parentId: ID!, $studentId: ID!, $reason: String!) {\n    linkGuardian(kind: $kind, parentId: $parentId, studentId: $studentId, reason: $reason) {\n      parentId\n    }\n  }\n": types.AdminLinkGuardianDocument,
    "\n  mutation AdminEndGuardianship($parentId: ID!, $studentId: ID!, $reason: String!) {\n    endGuardianship(parentId: $parentId, studentId: $studentId, reason: $reason)\n  }\n": types.AdminEndGuardianshipDocument,
    "\n  mutation AdminLinkIdentity($userId: ID!, $subject: String!, $reason: String!) {\n    linkOidcIdentity(userId: $userId, subject: $subject, reason: $reason)\n  }\n": types.AdminLinkIdentityDocument,
    "\n  mutation AdminUnlinkIdentity($userId: ID!, $reason: String!) {\n    unlinkOidcIdentity(userId: $userId, reason: $reason)\n  }\n": types.AdminUnlinkIdentityDocument,
    "\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      committed\n      imported\n      rows {\n        line\n        ok\n        fullName\n        login\n        initialPassword\n        error\n      }\n    }\n  }\n": types.ImportPeopleDocument,
    "\n  query AdminSubstitutionRequests($schoolId: ID!) {\n    substitutionRequests(schoolId: $schoolId) {\n      id\n      date\n      lessonNumber\n      substitutionReason\n      group {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      teacher {\n        id\n        shortName\n      }\n      substitute {\n        id\n        shortName\n      }\n    }\n  }\n": types.AdminSubstitutionRequestsDocument,
    "\n  mutation AdminApproveSubstitution($lessonId: ID!) {\n    approveSubstitution(lessonId: $lessonId) {\n      id\n      substitutionApproved\n    }\n  }\n": types.AdminApproveSubstitutionDocument,
    "\n  query AdminTimetable($groupId: ID!, $periodId: ID!) {\n    timetable(groupId: $groupId, periodId: $periodId) {\n      id\n      weekday\n      lessonNumber\n      room\n      teacher {\n        id\n        shortName\n      }\n    }\n  }\n": types.AdminTimetableDocument,
    "\n  mutation AdminSetTimetableSlot($input: SetTimetableSlotInput!) {\n    setTimetableSlot(input: $input) {\n      id\n    }\n  }\n": types.AdminSetTimetableSlotDocument,
    "\n  mutation AdminRemoveTimetableSlot($slotId: ID!) {\n    removeTimetableSlot(slotId: $slotId)\n  }\n": types.AdminRemoveTimetableSlotDocument,
    "\n  mutation AdminGenerateLessons($periodId: ID!) {\n    generateLessons(periodId: $periodId)\n  }\n": types.AdminGenerateLessonsDocument,
    "\n  mutation AdminCreateYear($input: CreateAcademicYearInput!) {\n    createAcademicYear(input: $input) {\n      id\n    }\n  }\n": types.AdminCreateYearDocument,
    "\n  mutation AdminAddHoliday($input: AddHolidayInput!) {\n    addHoliday(input: $input) {\n      id\n    }\n  }\n": types.AdminAddHolidayDocument,
    "\n  mutation ApiSignIn($login: String!, $password: String!) {\n    login(login: $login, password: $password, scope: API) {\n      token\n      expiresAt\n    }\n  }\n": types.ApiSignInDocument,
    "\n  query CalendarViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n": types.CalendarViewerDocument,
    "\n  query SchoolEvents($schoolId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    events(schoolId: $schoolId, from: $from, to: $to) {\n      id\n      title\n      description\n      place\n      startsAt\n      endsAt\n      classId\n    }\n  }\n": types.SchoolEventsDocument,
    "\n  mutation CreateSchoolEvent($input: CreateSchoolEventInput!) {\n    createSchoolEvent(input: $input) {\n      id\n    }\n  }\n": types.CreateSchoolEventDocument,
    "\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n": types.ChildList_ViewerFragmentDoc,
    "\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n": types.Header_ViewerFragmentDoc,
    "\n  mutation Login($login: String!, $password: String!, $deviceToken: String) {\n    login(login: $login, password: $password, deviceToken: $deviceToken) {\n      token\n      deviceToken\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  fragment Nav_viewer on Viewer {\n    id\n    roles\n    taughtGroups {\n      id\n    }\n    ledClasses {\n      id\n    }\n    children {\n      id\n      fullName\n    }\n  }\n": types.Nav_ViewerFragmentDoc,
    "\n  query Shell {\n    viewer {\n      id\n      roles\n      ...Header_viewer\n      ...WelcomeCard_viewer\n      ...Nav_viewer\n    }\n  }\n": types.ShellDocument,
    "\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n": types.WelcomeCard_ViewerFragmentDoc,
    "\n  fragment DiaryScreen_viewer on Viewer {\n    id\n    fullName\n    roles\n    children {\n      id\n      fullName\n      diaryAccess\n      schoolClass {\n        id\n        name\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n": types.DiaryScreen_ViewerFragmentDoc,
    "\n  query DiaryScreen {\n    viewer {\n      id\n      ...DiaryScreen_viewer\n    }\n  }\n": types.DiaryScreenDocument,
    "\n  query StudentTerm($studentId: ID!, $periodId: ID!) {\n    studentTerm(studentId: $studentId, periodId: $periodId) {\n      group {\n        id\n        name\n        scale\n        subject {\n          id\n          name\n        }\n      }\n      marks {\n        id\n        value\n        date\n        weight\n        retracted\n        workType {\n          id\n          code\n          name\n        }\n      }\n      average {\n        plain\n        weighted\n        predicted\n        markCount\n      }\n      periodMark {\n        id\n        kind\n        value\n        postponedUntil\n        reason\n        acknowledgedAt\n        version\n      }\n    }\n  }\n": types.StudentTermDocument,
    "\n  query MarksNeeded($studentId: ID!, $groupId: ID!, $periodId: ID!) {\n    toFive: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 5) {\n      target\n      value\n      count\n    }\n    toFour: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 4) {\n      target\n      value\n      count\n    }\n  }\n": types.MarksNeededDocument,
    "\n  mutation AcknowledgeFinalMark($finalMarkId: ID!) {\n    acknowledgeFinalMark(finalMarkId: $finalMarkId) {\n      id\n      acknowledgedAt\n    }\n  }\n": types.AcknowledgeFinalMarkDocument,
    "\n  query DiaryWeek($studentId: ID!, $weekOf: LocalDate!) {\n    diary(studentId: $studentId, weekOf: $weekOf) {\n      weekStart\n      student {\n        id\n        fullName\n      }\n      lessons {\n        id\n        date\n        lessonNumber\n        room\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n        group {\n          id\n          scale\n        }\n        teacher {\n          id\n          shortName\n        }\n        substitute {\n          id\n          shortName\n        }\n      }\n      marks {\n        id\n        lessonId\n        date\n        value\n        weight\n        comment\n        backdated\n        retracted\n        workType {\n          id\n          code\n          name\n          weight\n        }\n        ...MarkHistory_mark\n      }\n      attendance {\n        id\n        lessonId\n        status\n        minutesLate\n      }\n      remarks {\n        id\n        lessonId\n        kind\n        text\n        at\n        author {\n          id\n          shortName\n        }\n      }\n    }\n  }\n": types.DiaryWeekDocument,
    "\n  query StudentYearMarks($studentId: ID!, $yearId: ID!) {\n    studentYearMarks(studentId: $studentId, yearId: $yearId) {\n      id\n      kind\n      value\n      postponedUntil\n      periodId\n      subject {\n        id\n        name\n      }\n    }\n  }\n": types.StudentYearMarksDocument,
    "\n  query ConsentViewer {\n    viewer {\n      id\n      fullName\n    }\n  }\n": types.ConsentViewerDocument,
    "\n  mutation GiveConsent($studentId: ID!) {\n    recordConsent(input: { studentId: $studentId }) {\n      id\n      active\n      givenAt\n      givenById\n      withdrawnAt\n    }\n  }\n": types.GiveConsentDocument,
    "\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n": types.WithdrawConsentDocument,
    "\n  query FamilyHome {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n        diaryAccess\n        schoolClass {\n          id\n          name\n        }\n        consents {\n          id\n          active\n          givenAt\n          givenById\n          givenByName\n        }\n      }\n    }\n    notices(first: 50) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n": types.FamilyHomeDocument,
    "\n  query FamilyWarnings($studentId: ID!) {\n    intendedMarkNotices(studentId: $studentId) {\n      id\n      subjectName\n      intendedMark\n      average\n      reason\n      inTime\n      periodId\n      createdAt\n    }\n  }\n": types.FamilyWarningsDocument,
    "\n  fragment NoticeItem_notice on Notice {\n    id\n    eventId\n    kind\n    title\n    body\n    at\n    readAt\n    url\n  }\n": types.NoticeItem_NoticeFragmentDoc,
    "\n  query NoticeList {\n    notices(first: 100) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n": types.NoticeListDocument,
    "\n  mutation MarkNoticesRead {\n    markNoticesRead\n  }\n": types.MarkNoticesReadDocument,
    "\n  query UnreadNotices {\n    unreadNoticeCount\n  }\n": types.UnreadNoticesDocument,
    "\n  mutation SetAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n  }\n": types.SetAttendanceDocument,
    "\n  fragment JournalGrid_page on JournalPage {\n    scale\n    group {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    period {\n      id\n      name\n      startsOn\n      endsOn\n    }\n    lessons {\n      id\n      date\n      lessonNumber\n      topic\n      homework\n    }\n    students {\n      id\n      fullName\n      shortName\n    }\n    marks {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n    attendance {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n    averages {\n      studentId\n      plain\n      weighted\n      predicted\n      markCount\n    }\n    finalMarks {\n      id\n      kind\n      value\n      studentId\n      postponedUntil\n    }\n    workTypes {\n      id\n      code\n      name\n      weight\n    }\n  }\n": types.JournalGrid_PageFragmentDoc,
    "\n  mutation PutMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n": types.PutMarkDocument,
    "\n  query Journal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      ...JournalGrid_page\n    }\n  }\n": types.JournalDocument,
    "\n  fragment JournalScreen_viewer on Viewer {\n    taughtGroups {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    ledClasses {\n      id\n      groups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n": types.JournalScreen_ViewerFragmentDoc,
    "\n  query JournalScreen {\n    viewer {\n      id\n      ...JournalScreen_viewer\n    }\n  }\n": types.JournalScreenDocument,
    "\n  mutation SetLessonContent($input: SetLessonContentInput!) {\n    setLessonContent(input: $input) {\n      id\n      topic\n      homework\n    }\n  }\n": types.SetLessonContentDocument,
    "\n  fragment MarkDialog_mark on Mark {\n    id\n    value\n    version\n    weight\n    backdated\n    comment\n    date\n    enteredAt\n    workType {\n      id\n      code\n      name\n      weight\n    }\n    ...MarkHistory_mark\n  }\n": types.MarkDialog_MarkFragmentDoc,
    "\n  mutation ChangeMark($input: ChangeMarkInput!) {\n    changeMark(input: $input) {\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n": types.ChangeMarkDocument,
    "\n  mutation RetractMark($markId: ID!, $version: Int!, $reason: String!) {\n    retractMark(markId: $markId, version: $version, reason: $reason) {\n      id\n      retracted\n      version\n    }\n  }\n": types.RetractMarkDocument,
    "\n  query ClassMonitor {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n        students {\n          id\n          shortName\n        }\n        groups {\n          id\n          scale\n          subject {\n            id\n            name\n          }\n        }\n      }\n      school {\n        id\n        currentYear {\n          id\n          periods {\n            id\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n": types.ClassMonitorDocument,
    "\n  query MonitorJournal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      lessons {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      marks {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n      }\n    }\n  }\n": types.MonitorJournalDocument,
    "\n  subscription ClassLive($classId: ID!, $after: ID) {\n    classEvents(classId: $classId, after: $after) {\n      id\n      type\n      student {\n        id\n        shortName\n      }\n      mark {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      lesson {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n        group {\n          id\n        }\n      }\n    }\n  }\n": types.ClassLiveDocument,
    "\n  subscription DiaryLive($studentId: ID!, $after: ID) {\n    diaryEvents(studentId: $studentId, after: $after) {\n      id\n      type\n      at\n      mark {\n        id\n        lessonId\n        date\n        value\n        retracted\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        date\n        status\n      }\n      remark {\n        id\n        lessonId\n        kind\n        text\n      }\n      lesson {\n        id\n        date\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n      }\n      finalMark {\n        id\n      }\n    }\n  }\n": types.DiaryLiveDocument,
    "\n  query WallClasses {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n      }\n      children {\n        id\n        schoolClass {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.WallClassesDocument,
    "\n  query ClassWall($classId: ID!) {\n    classWall(classId: $classId) {\n      id\n      author\n      body\n      postedAt\n    }\n  }\n": types.ClassWallDocument,
    "\n  mutation PostToClassWall($classId: ID!, $text: String!) {\n    postToClassWall(classId: $classId, text: $text) {\n      id\n    }\n  }\n": types.PostToClassWallDocument,
    "\n  query CommsViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n      }\n    }\n  }\n": types.CommsViewerDocument,
    "\n  query Conversation($id: ID!) {\n    viewer {\n      id\n    }\n    conversation(id: $id) {\n      id\n      subject\n      kind\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n        staff\n      }\n      messages {\n        id\n        authorId\n        body\n        sentAt\n        retractedAt\n        retractionReason\n        attachments {\n          id\n          fileName\n          size\n          url\n        }\n        readBy {\n          readerId\n          at\n        }\n      }\n    }\n  }\n": types.ConversationDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation MarkConversationRead($conversationId: ID!) {\n    markConversationRead(conversationId: $conversationId) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkConversationReadDocument,
    "\n  mutation RetractMessage($messageId: ID!) {\n    retractMessage(messageId: $messageId) {\n      id\n      body\n      retractedAt\n      retractionReason\n      attachments {\n        id\n      }\n    }\n  }\n": types.RetractMessageDocument,
    "\n  query Inbox {\n    viewer {\n      id\n    }\n    conversations {\n      id\n      subject\n      kind\n      lastMessageAt\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n      }\n      lastMessage {\n        id\n        body\n        retractedAt\n      }\n    }\n  }\n": types.InboxDocument,
    "\n  query ComposeViewer {\n    viewer {\n      id\n      school {\n        id\n      }\n      children {\n        id\n        shortName\n      }\n      taughtGroups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n": types.ComposeViewerDocument,
    "\n  query Contacts($schoolId: ID!, $search: String!) {\n    contacts(schoolId: $schoolId, search: $search) {\n      id\n      shortName\n      fullName\n      note\n      staff\n      parent\n      student\n    }\n  }\n": types.ContactsDocument,
    "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n": types.StartConversationDocument,
    "\n  query NotificationSettings {\n    notificationSettings {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n": types.NotificationSettingsDocument,
    "\n  mutation SetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n": types.SetNotificationSettingsDocument,
    "\n  query OverdueLetters($schoolId: ID!) {\n    overdueLetters(schoolId: $schoolId) {\n      conversationId\n      subject\n      from\n      to\n      className\n      awaitingSince\n      answerDueAt\n    }\n  }\n": types.OverdueLettersDocument,
    "\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n": types.UnreadMessageCountDocument,
    "\n  subscription MessageEvents($schoolId: ID!, $after: ID) {\n    messageEvents(schoolId: $schoolId, after: $after) {\n      id\n      type\n      conversationId\n    }\n  }\n": types.MessageEventsDocument,
    "\n  query DeviceSettings {\n    pushPublicKey\n    pushSubscriptions {\n      id\n      device\n      endpoint\n      createdAt\n    }\n  }\n": types.DeviceSettingsDocument,
    "\n  mutation RegisterPush($input: RegisterPushSubscriptionInput!) {\n    registerPushSubscription(input: $input) {\n      id\n    }\n  }\n": types.RegisterPushDocument,
    "\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n": types.UnregisterPushDocument,
    "\n  mutation ReplayMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n    }\n  }\n": types.ReplayMarkDocument,
    "\n  mutation ReplayAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n    }\n  }\n": types.ReplayAttendanceDocument,
    "\n  query AuditLog($schoolId: ID!, $filter: AuditFilter, $after: String) {\n    auditLog(schoolId: $schoolId, filter: $filter, after: $after, first: 50) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entity\n          entityId\n          actorName\n          actorLogin\n          ip\n          invalidatedAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query FillRate($schoolId: ID!, $periodId: ID!) {\n    fillRate(schoolId: $schoolId, periodId: $periodId) {\n      asOf\n      rows {\n        group {\n          id\n          name\n        }\n        subject {\n          id\n          name\n        }\n        teachers {\n          id\n          shortName\n        }\n        lessonsHeld\n        lessonsWithoutTopic {\n          id\n        }\n        lessonsWithoutHomework {\n          id\n        }\n        markCount\n        marksLate\n        marksBackdated\n        studentCount\n        studentsWithoutMarks {\n          id\n        }\n        withoutMarksShare\n        oneMarkShare\n      }\n    }\n  }\n": types.FillRateDocument,
    "\n  query PeriodAnalytics($periodId: ID!) {\n    periodAnalytics(periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      stats {\n        fives\n        fours\n        threes\n        failing\n        notAttested\n        quality\n        success\n      }\n    }\n  }\n": types.PeriodAnalyticsDocument,
    "\n  query ReportsScreen {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n      }\n      ledClasses {\n        id\n        name\n      }\n      school {\n        id\n        currentYear {\n          id\n          classes {\n            id\n            name\n          }\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n": types.ReportsScreenDocument,
    "\n  query ClassSummary($classId: ID!, $periodId: ID!) {\n    classSummary(classId: $classId, periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      period {\n        id\n        name\n      }\n      subjects {\n        subject {\n          id\n          name\n        }\n        stats {\n          fives\n          fours\n          threes\n          failing\n          notAttested\n          quality\n          success\n        }\n      }\n      rows {\n        number\n        student {\n          id\n          fullName\n        }\n        cells {\n          subjectId\n          average\n          periodMark\n          markCount\n        }\n        attendance {\n          missed\n          ill\n          late\n        }\n      }\n    }\n  }\n": types.ClassSummaryDocument,
    "\n  fragment MarkHistory_mark on Mark {\n    id\n    history {\n      kind\n      version\n      oldValue\n      newValue\n      oldWorkType\n      newWorkType\n      reason\n      backdated\n      at\n      author {\n        id\n        shortName\n      }\n    }\n  }\n": types.MarkHistory_MarkFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminScreen {\n    viewer {\n      id\n      school {\n        id\n        name\n        subjects {\n          id\n          name\n        }\n        currentYear {\n          id\n          name\n          startsOn\n          endsOn\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          holidays {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          curriculum {\n            id\n            grade\n            hoursPerWeek\n            subject {\n              id\n            }\n          }\n          classes {\n            id\n            name\n            grade\n            classTeacher {\n              id\n              fullName\n            }\n            students {\n              id\n              fullName\n            }\n            groups {\n              id\n              name\n              kind\n              subject {\n                id\n                name\n              }\n              teachers {\n                id\n                shortName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminScreen {\n    viewer {\n      id\n      school {\n        id\n        name\n        subjects {\n          id\n          name\n        }\n        currentYear {\n          id\n          name\n          startsOn\n          endsOn\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          holidays {\n            id\n            name\n            startsOn\n            endsOn\n          }\n          curriculum {\n            id\n            grade\n            hoursPerWeek\n            subject {\n              id\n            }\n          }\n          classes {\n            id\n            name\n            grade\n            classTeacher {\n              id\n              fullName\n            }\n            students {\n              id\n              fullName\n            }\n            groups {\n              id\n              name\n              kind\n              subject {\n                id\n                name\n              }\n              teachers {\n                id\n                shortName\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStaff($schoolId: ID!) {\n    people(schoolId: $schoolId, role: TEACHER) {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  query AdminStaff($schoolId: ID!) {\n    people(schoolId: $schoolId, role: TEACHER) {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateClass($input: CreateClassInput!) {\n    createClass(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateClass($input: CreateClassInput!) {\n    createClass(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetClassTeacher($classId: ID!, $teacherId: ID!) {\n    setClassTeacher(classId: $classId, teacherId: $teacherId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetClassTeacher($classId: ID!, $teacherId: ID!) {\n    setClassTeacher(classId: $classId, teacherId: $teacherId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateGroup($input: CreateStudyGroupInput!) {\n    createStudyGroup(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateGroup($input: CreateStudyGroupInput!) {\n    createStudyGroup(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAssignTeacher($groupId: ID!, $teacherId: ID!, $startsOn: LocalDate!) {\n    assignTeacher(groupId: $groupId, teacherId: $teacherId, startsOn: $startsOn) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminAssignTeacher($groupId: ID!, $teacherId: ID!, $startsOn: LocalDate!) {\n    assignTeacher(groupId: $groupId, teacherId: $teacherId, startsOn: $startsOn) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsentRegister($schoolId: ID!, $classId: ID) {\n    consentRegister(schoolId: $schoolId, classId: $classId) {\n      status\n      schoolClass {\n        id\n        name\n      }\n      student {\n        id\n        fullName\n      }\n      guardians {\n        parentId\n        fullName\n        kind\n      }\n      consents {\n        id\n        active\n        givenAt\n        givenByName\n        documentNumber\n        withdrawnAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConsentRegister($schoolId: ID!, $classId: ID) {\n    consentRegister(schoolId: $schoolId, classId: $classId) {\n      status\n      schoolClass {\n        id\n        name\n      }\n      student {\n        id\n        fullName\n      }\n      guardians {\n        parentId\n        fullName\n        kind\n      }\n      consents {\n        id\n        active\n        givenAt\n        givenByName\n        documentNumber\n        withdrawnAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminWithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation AdminWithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateSubject($input: CreateSubjectInput!) {\n    createSubject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateSubject($input: CreateSubjectInput!) {\n    createSubject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetCurriculumHours($input: SetCurriculumHoursInput!) {\n    setCurriculumHours(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetCurriculumHours($input: SetCurriculumHoursInput!) {\n    setCurriculumHours(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMovements($schoolId: ID!) {\n    movements(schoolId: $schoolId) {\n      id\n      kind\n      effectiveOn\n      orderNumber\n      orderDate\n      otherSchool\n      note\n      student {\n        id\n        fullName\n      }\n      fromClass {\n        id\n        name\n      }\n      toClass {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminMovements($schoolId: ID!) {\n    movements(schoolId: $schoolId) {\n      id\n      kind\n      effectiveOn\n      orderNumber\n      orderDate\n      otherSchool\n      note\n      student {\n        id\n        fullName\n      }\n      fromClass {\n        id\n        name\n      }\n      toClass {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRecordMovement($input: RecordMovementInput!) {\n    recordMovement(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRecordMovement($input: RecordMovementInput!) {\n    recordMovement(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPeople($schoolId: ID!, $role: Role) {\n    people(schoolId: $schoolId, role: $role) {\n      id\n      fullName\n      login\n      active\n      grants {\n        id\n        role\n        active\n        position\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminPeople($schoolId: ID!, $role: Role) {\n    people(schoolId: $schoolId, role: $role) {\n      id\n      fullName\n      login\n      active\n      grants {\n        id\n        role\n        active\n        position\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      initialPassword\n      person {\n        id\n        fullName\n        login\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreatePerson($input: CreatePersonInput!) {\n    createPerson(input: $input) {\n      initialPassword\n      person {\n        id\n        fullName\n        login\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminGrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminGrantRole($input: GrantRoleInput!) {\n    grantRole(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeRole($grantId: ID!) {\n    revokeRole(grantId: $grantId) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRevokeRole($grantId: ID!) {\n    revokeRole(grantId: $grantId) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLinkGuardian($kind: GuardianKind!, $parentId: ID!, $studentId: ID!, $reason: String!) {\n    linkGuardian(kind: $kind, parentId: $parentId, studentId: $studentId, reason: $reason) {\n      parentId\n    }\n  }\n"): (typeof documents)["\n  mutation AdminLinkGuardian($kind: GuardianKind!, $parentId: ID!, $studentId: ID!, $reason: String!) {\n    linkGuardian(kind: $kind, parentId: $parentId, studentId: $studentId, reason: $reason) {\n      parentId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminEndGuardianship($parentId: ID!, $studentId: ID!, $reason: String!) {\n    endGuardianship(parentId: $parentId, studentId: $studentId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation AdminEndGuardianship($parentId: ID!, $studentId: ID!, $reason: String!) {\n    endGuardianship(parentId: $parentId, studentId: $studentId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLinkIdentity($userId: ID!, $subject: String!, $reason: String!) {\n    linkOidcIdentity(userId: $userId, subject: $subject, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation AdminLinkIdentity($userId: ID!, $subject: String!, $reason: String!) {\n    linkOidcIdentity(userId: $userId, subject: $subject, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUnlinkIdentity($userId: ID!, $reason: String!) {\n    unlinkOidcIdentity(userId: $userId, reason: $reason)\n  }\n"): (typeof documents)["\n  mutation AdminUnlinkIdentity($userId: ID!, $reason: String!) {\n    unlinkOidcIdentity(userId: $userId, reason: $reason)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      committed\n      imported\n      rows {\n        line\n        ok\n        fullName\n        login\n        initialPassword\n        error\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ImportPeople($input: ImportPeopleInput!) {\n    importPeople(input: $input) {\n      committed\n      imported\n      rows {\n        line\n        ok\n        fullName\n        login\n        initialPassword\n        error\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSubstitutionRequests($schoolId: ID!) {\n    substitutionRequests(schoolId: $schoolId) {\n      id\n      date\n      lessonNumber\n      substitutionReason\n      group {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      teacher {\n        id\n        shortName\n      }\n      substitute {\n        id\n        shortName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminSubstitutionRequests($schoolId: ID!) {\n    substitutionRequests(schoolId: $schoolId) {\n      id\n      date\n      lessonNumber\n      substitutionReason\n      group {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      teacher {\n        id\n        shortName\n      }\n      substitute {\n        id\n        shortName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminApproveSubstitution($lessonId: ID!) {\n    approveSubstitution(lessonId: $lessonId) {\n      id\n      substitutionApproved\n    }\n  }\n"): (typeof documents)["\n  mutation AdminApproveSubstitution($lessonId: ID!) {\n    approveSubstitution(lessonId: $lessonId) {\n      id\n      substitutionApproved\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTimetable($groupId: ID!, $periodId: ID!) {\n    timetable(groupId: $groupId, periodId: $periodId) {\n      id\n      weekday\n      lessonNumber\n      room\n      teacher {\n        id\n        shortName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminTimetable($groupId: ID!, $periodId: ID!) {\n    timetable(groupId: $groupId, periodId: $periodId) {\n      id\n      weekday\n      lessonNumber\n      room\n      teacher {\n        id\n        shortName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetTimetableSlot($input: SetTimetableSlotInput!) {\n    setTimetableSlot(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminSetTimetableSlot($input: SetTimetableSlotInput!) {\n    setTimetableSlot(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRemoveTimetableSlot($slotId: ID!) {\n    removeTimetableSlot(slotId: $slotId)\n  }\n"): (typeof documents)["\n  mutation AdminRemoveTimetableSlot($slotId: ID!) {\n    removeTimetableSlot(slotId: $slotId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminGenerateLessons($periodId: ID!) {\n    generateLessons(periodId: $periodId)\n  }\n"): (typeof documents)["\n  mutation AdminGenerateLessons($periodId: ID!) {\n    generateLessons(periodId: $periodId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateYear($input: CreateAcademicYearInput!) {\n    createAcademicYear(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminCreateYear($input: CreateAcademicYearInput!) {\n    createAcademicYear(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAddHoliday($input: AddHolidayInput!) {\n    addHoliday(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AdminAddHoliday($input: AddHolidayInput!) {\n    addHoliday(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiSignIn($login: String!, $password: String!) {\n    login(login: $login, password: $password, scope: API) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ApiSignIn($login: String!, $password: String!) {\n    login(login: $login, password: $password, scope: API) {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CalendarViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query CalendarViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchoolEvents($schoolId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    events(schoolId: $schoolId, from: $from, to: $to) {\n      id\n      title\n      description\n      place\n      startsAt\n      endsAt\n      classId\n    }\n  }\n"): (typeof documents)["\n  query SchoolEvents($schoolId: ID!, $from: DateTimeISO!, $to: DateTimeISO!) {\n    events(schoolId: $schoolId, from: $from, to: $to) {\n      id\n      title\n      description\n      place\n      startsAt\n      endsAt\n      classId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSchoolEvent($input: CreateSchoolEventInput!) {\n    createSchoolEvent(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSchoolEvent($input: CreateSchoolEventInput!) {\n    createSchoolEvent(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ChildList_viewer on Viewer {\n    children {\n      id\n      fullName\n      schoolClass {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment Header_viewer on Viewer {\n    fullName\n    primaryRole\n    school {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($login: String!, $password: String!, $deviceToken: String) {\n    login(login: $login, password: $password, deviceToken: $deviceToken) {\n      token\n      deviceToken\n    }\n  }\n"): (typeof documents)["\n  mutation Login($login: String!, $password: String!, $deviceToken: String) {\n    login(login: $login, password: $password, deviceToken: $deviceToken) {\n      token\n      deviceToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Nav_viewer on Viewer {\n    id\n    roles\n    taughtGroups {\n      id\n    }\n    ledClasses {\n      id\n    }\n    children {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  fragment Nav_viewer on Viewer {\n    id\n    roles\n    taughtGroups {\n      id\n    }\n    ledClasses {\n      id\n    }\n    children {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Shell {\n    viewer {\n      id\n      roles\n      ...Header_viewer\n      ...WelcomeCard_viewer\n      ...Nav_viewer\n    }\n  }\n"): (typeof documents)["\n  query Shell {\n    viewer {\n      id\n      roles\n      ...Header_viewer\n      ...WelcomeCard_viewer\n      ...Nav_viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n"): (typeof documents)["\n  fragment WelcomeCard_viewer on Viewer {\n    fullName\n    roles\n    ...ChildList_viewer\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DiaryScreen_viewer on Viewer {\n    id\n    fullName\n    roles\n    children {\n      id\n      fullName\n      diaryAccess\n      schoolClass {\n        id\n        name\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment DiaryScreen_viewer on Viewer {\n    id\n    fullName\n    roles\n    children {\n      id\n      fullName\n      diaryAccess\n      schoolClass {\n        id\n        name\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiaryScreen {\n    viewer {\n      id\n      ...DiaryScreen_viewer\n    }\n  }\n"): (typeof documents)["\n  query DiaryScreen {\n    viewer {\n      id\n      ...DiaryScreen_viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StudentTerm($studentId: ID!, $periodId: ID!) {\n    studentTerm(studentId: $studentId, periodId: $periodId) {\n      group {\n        id\n        name\n        scale\n        subject {\n          id\n          name\n        }\n      }\n      marks {\n        id\n        value\n        date\n        weight\n        retracted\n        workType {\n          id\n          code\n          name\n        }\n      }\n      average {\n        plain\n        weighted\n        predicted\n        markCount\n      }\n      periodMark {\n        id\n        kind\n        value\n        postponedUntil\n        reason\n        acknowledgedAt\n        version\n      }\n    }\n  }\n"): (typeof documents)["\n  query StudentTerm($studentId: ID!, $periodId: ID!) {\n    studentTerm(studentId: $studentId, periodId: $periodId) {\n      group {\n        id\n        name\n        scale\n        subject {\n          id\n          name\n        }\n      }\n      marks {\n        id\n        value\n        date\n        weight\n        retracted\n        workType {\n          id\n          code\n          name\n        }\n      }\n      average {\n        plain\n        weighted\n        predicted\n        markCount\n      }\n      periodMark {\n        id\n        kind\n        value\n        postponedUntil\n        reason\n        acknowledgedAt\n        version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarksNeeded($studentId: ID!, $groupId: ID!, $periodId: ID!) {\n    toFive: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 5) {\n      target\n      value\n      count\n    }\n    toFour: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 4) {\n      target\n      value\n      count\n    }\n  }\n"): (typeof documents)["\n  query MarksNeeded($studentId: ID!, $groupId: ID!, $periodId: ID!) {\n    toFive: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 5) {\n      target\n      value\n      count\n    }\n    toFour: marksNeeded(studentId: $studentId, groupId: $groupId, periodId: $periodId, target: 4) {\n      target\n      value\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeFinalMark($finalMarkId: ID!) {\n    acknowledgeFinalMark(finalMarkId: $finalMarkId) {\n      id\n      acknowledgedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeFinalMark($finalMarkId: ID!) {\n    acknowledgeFinalMark(finalMarkId: $finalMarkId) {\n      id\n      acknowledgedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DiaryWeek($studentId: ID!, $weekOf: LocalDate!) {\n    diary(studentId: $studentId, weekOf: $weekOf) {\n      weekStart\n      student {\n        id\n        fullName\n      }\n      lessons {\n        id\n        date\n        lessonNumber\n        room\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n        group {\n          id\n          scale\n        }\n        teacher {\n          id\n          shortName\n        }\n        substitute {\n          id\n          shortName\n        }\n      }\n      marks {\n        id\n        lessonId\n        date\n        value\n        weight\n        comment\n        backdated\n        retracted\n        workType {\n          id\n          code\n          name\n          weight\n        }\n        ...MarkHistory_mark\n      }\n      attendance {\n        id\n        lessonId\n        status\n        minutesLate\n      }\n      remarks {\n        id\n        lessonId\n        kind\n        text\n        at\n        author {\n          id\n          shortName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DiaryWeek($studentId: ID!, $weekOf: LocalDate!) {\n    diary(studentId: $studentId, weekOf: $weekOf) {\n      weekStart\n      student {\n        id\n        fullName\n      }\n      lessons {\n        id\n        date\n        lessonNumber\n        room\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n        group {\n          id\n          scale\n        }\n        teacher {\n          id\n          shortName\n        }\n        substitute {\n          id\n          shortName\n        }\n      }\n      marks {\n        id\n        lessonId\n        date\n        value\n        weight\n        comment\n        backdated\n        retracted\n        workType {\n          id\n          code\n          name\n          weight\n        }\n        ...MarkHistory_mark\n      }\n      attendance {\n        id\n        lessonId\n        status\n        minutesLate\n      }\n      remarks {\n        id\n        lessonId\n        kind\n        text\n        at\n        author {\n          id\n          shortName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StudentYearMarks($studentId: ID!, $yearId: ID!) {\n    studentYearMarks(studentId: $studentId, yearId: $yearId) {\n      id\n      kind\n      value\n      postponedUntil\n      periodId\n      subject {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query StudentYearMarks($studentId: ID!, $yearId: ID!) {\n    studentYearMarks(studentId: $studentId, yearId: $yearId) {\n      id\n      kind\n      value\n      postponedUntil\n      periodId\n      subject {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsentViewer {\n    viewer {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  query ConsentViewer {\n    viewer {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GiveConsent($studentId: ID!) {\n    recordConsent(input: { studentId: $studentId }) {\n      id\n      active\n      givenAt\n      givenById\n      withdrawnAt\n    }\n  }\n"): (typeof documents)["\n  mutation GiveConsent($studentId: ID!) {\n    recordConsent(input: { studentId: $studentId }) {\n      id\n      active\n      givenAt\n      givenById\n      withdrawnAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawConsent($consentId: ID!) {\n    withdrawConsent(consentId: $consentId) {\n      id\n      active\n      withdrawnAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FamilyHome {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n        diaryAccess\n        schoolClass {\n          id\n          name\n        }\n        consents {\n          id\n          active\n          givenAt\n          givenById\n          givenByName\n        }\n      }\n    }\n    notices(first: 50) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n"): (typeof documents)["\n  query FamilyHome {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n        diaryAccess\n        schoolClass {\n          id\n          name\n        }\n        consents {\n          id\n          active\n          givenAt\n          givenById\n          givenByName\n        }\n      }\n    }\n    notices(first: 50) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FamilyWarnings($studentId: ID!) {\n    intendedMarkNotices(studentId: $studentId) {\n      id\n      subjectName\n      intendedMark\n      average\n      reason\n      inTime\n      periodId\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query FamilyWarnings($studentId: ID!) {\n    intendedMarkNotices(studentId: $studentId) {\n      id\n      subjectName\n      intendedMark\n      average\n      reason\n      inTime\n      periodId\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NoticeItem_notice on Notice {\n    id\n    eventId\n    kind\n    title\n    body\n    at\n    readAt\n    url\n  }\n"): (typeof documents)["\n  fragment NoticeItem_notice on Notice {\n    id\n    eventId\n    kind\n    title\n    body\n    at\n    readAt\n    url\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NoticeList {\n    notices(first: 100) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n"): (typeof documents)["\n  query NoticeList {\n    notices(first: 100) {\n      id\n      ...NoticeItem_notice\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNoticesRead {\n    markNoticesRead\n  }\n"): (typeof documents)["\n  mutation MarkNoticesRead {\n    markNoticesRead\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotices {\n    unreadNoticeCount\n  }\n"): (typeof documents)["\n  query UnreadNotices {\n    unreadNoticeCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation SetAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JournalGrid_page on JournalPage {\n    scale\n    group {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    period {\n      id\n      name\n      startsOn\n      endsOn\n    }\n    lessons {\n      id\n      date\n      lessonNumber\n      topic\n      homework\n    }\n    students {\n      id\n      fullName\n      shortName\n    }\n    marks {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n    attendance {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n    averages {\n      studentId\n      plain\n      weighted\n      predicted\n      markCount\n    }\n    finalMarks {\n      id\n      kind\n      value\n      studentId\n      postponedUntil\n    }\n    workTypes {\n      id\n      code\n      name\n      weight\n    }\n  }\n"): (typeof documents)["\n  fragment JournalGrid_page on JournalPage {\n    scale\n    group {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    period {\n      id\n      name\n      startsOn\n      endsOn\n    }\n    lessons {\n      id\n      date\n      lessonNumber\n      topic\n      homework\n    }\n    students {\n      id\n      fullName\n      shortName\n    }\n    marks {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n    attendance {\n      id\n      lessonId\n      studentId\n      status\n      minutesLate\n      version\n    }\n    averages {\n      studentId\n      plain\n      weighted\n      predicted\n      markCount\n    }\n    finalMarks {\n      id\n      kind\n      value\n      studentId\n      postponedUntil\n    }\n    workTypes {\n      id\n      code\n      name\n      weight\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PutMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n"): (typeof documents)["\n  mutation PutMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Journal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      ...JournalGrid_page\n    }\n  }\n"): (typeof documents)["\n  query Journal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      ...JournalGrid_page\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JournalScreen_viewer on Viewer {\n    taughtGroups {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    ledClasses {\n      id\n      groups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment JournalScreen_viewer on Viewer {\n    taughtGroups {\n      id\n      name\n      subject {\n        id\n        name\n      }\n    }\n    ledClasses {\n      id\n      groups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n    }\n    school {\n      id\n      currentYear {\n        id\n        periods {\n          id\n          name\n          startsOn\n          endsOn\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JournalScreen {\n    viewer {\n      id\n      ...JournalScreen_viewer\n    }\n  }\n"): (typeof documents)["\n  query JournalScreen {\n    viewer {\n      id\n      ...JournalScreen_viewer\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLessonContent($input: SetLessonContentInput!) {\n    setLessonContent(input: $input) {\n      id\n      topic\n      homework\n    }\n  }\n"): (typeof documents)["\n  mutation SetLessonContent($input: SetLessonContentInput!) {\n    setLessonContent(input: $input) {\n      id\n      topic\n      homework\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MarkDialog_mark on Mark {\n    id\n    value\n    version\n    weight\n    backdated\n    comment\n    date\n    enteredAt\n    workType {\n      id\n      code\n      name\n      weight\n    }\n    ...MarkHistory_mark\n  }\n"): (typeof documents)["\n  fragment MarkDialog_mark on Mark {\n    id\n    value\n    version\n    weight\n    backdated\n    comment\n    date\n    enteredAt\n    workType {\n      id\n      code\n      name\n      weight\n    }\n    ...MarkHistory_mark\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMark($input: ChangeMarkInput!) {\n    changeMark(input: $input) {\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeMark($input: ChangeMarkInput!) {\n    changeMark(input: $input) {\n      lessonId\n      studentId\n      ...MarkDialog_mark\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetractMark($markId: ID!, $version: Int!, $reason: String!) {\n    retractMark(markId: $markId, version: $version, reason: $reason) {\n      id\n      retracted\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation RetractMark($markId: ID!, $version: Int!, $reason: String!) {\n    retractMark(markId: $markId, version: $version, reason: $reason) {\n      id\n      retracted\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClassMonitor {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n        students {\n          id\n          shortName\n        }\n        groups {\n          id\n          scale\n          subject {\n            id\n            name\n          }\n        }\n      }\n      school {\n        id\n        currentYear {\n          id\n          periods {\n            id\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClassMonitor {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n        students {\n          id\n          shortName\n        }\n        groups {\n          id\n          scale\n          subject {\n            id\n            name\n          }\n        }\n      }\n      school {\n        id\n        currentYear {\n          id\n          periods {\n            id\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonitorJournal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      lessons {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      marks {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query MonitorJournal($groupId: ID!, $periodId: ID!) {\n    journal(groupId: $groupId, periodId: $periodId) {\n      lessons {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      marks {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ClassLive($classId: ID!, $after: ID) {\n    classEvents(classId: $classId, after: $after) {\n      id\n      type\n      student {\n        id\n        shortName\n      }\n      mark {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      lesson {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n        group {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ClassLive($classId: ID!, $after: ID) {\n    classEvents(classId: $classId, after: $after) {\n      id\n      type\n      student {\n        id\n        shortName\n      }\n      mark {\n        id\n        lessonId\n        studentId\n        value\n        retracted\n        enteredAt\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        studentId\n        date\n        status\n      }\n      lesson {\n        id\n        date\n        lessonNumber\n        topic\n        homework\n        group {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DiaryLive($studentId: ID!, $after: ID) {\n    diaryEvents(studentId: $studentId, after: $after) {\n      id\n      type\n      at\n      mark {\n        id\n        lessonId\n        date\n        value\n        retracted\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        date\n        status\n      }\n      remark {\n        id\n        lessonId\n        kind\n        text\n      }\n      lesson {\n        id\n        date\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n      }\n      finalMark {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DiaryLive($studentId: ID!, $after: ID) {\n    diaryEvents(studentId: $studentId, after: $after) {\n      id\n      type\n      at\n      mark {\n        id\n        lessonId\n        date\n        value\n        retracted\n        subject {\n          id\n          name\n        }\n      }\n      attendance {\n        id\n        lessonId\n        date\n        status\n      }\n      remark {\n        id\n        lessonId\n        kind\n        text\n      }\n      lesson {\n        id\n        date\n        topic\n        homework\n        subject {\n          id\n          name\n        }\n      }\n      finalMark {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WallClasses {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n      }\n      children {\n        id\n        schoolClass {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WallClasses {\n    viewer {\n      id\n      ledClasses {\n        id\n        name\n      }\n      children {\n        id\n        schoolClass {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClassWall($classId: ID!) {\n    classWall(classId: $classId) {\n      id\n      author\n      body\n      postedAt\n    }\n  }\n"): (typeof documents)["\n  query ClassWall($classId: ID!) {\n    classWall(classId: $classId) {\n      id\n      author\n      body\n      postedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostToClassWall($classId: ID!, $text: String!) {\n    postToClassWall(classId: $classId, text: $text) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PostToClassWall($classId: ID!, $text: String!) {\n    postToClassWall(classId: $classId, text: $text) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommsViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query CommsViewer {\n    viewer {\n      id\n      roles\n      school {\n        id\n      }\n      ledClasses {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conversation($id: ID!) {\n    viewer {\n      id\n    }\n    conversation(id: $id) {\n      id\n      subject\n      kind\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n        staff\n      }\n      messages {\n        id\n        authorId\n        body\n        sentAt\n        retractedAt\n        retractionReason\n        attachments {\n          id\n          fileName\n          size\n          url\n        }\n        readBy {\n          readerId\n          at\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Conversation($id: ID!) {\n    viewer {\n      id\n    }\n    conversation(id: $id) {\n      id\n      subject\n      kind\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n        staff\n      }\n      messages {\n        id\n        authorId\n        body\n        sentAt\n        retractedAt\n        retractionReason\n        attachments {\n          id\n          fileName\n          size\n          url\n        }\n        readBy {\n          readerId\n          at\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkConversationRead($conversationId: ID!) {\n    markConversationRead(conversationId: $conversationId) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkConversationRead($conversationId: ID!) {\n    markConversationRead(conversationId: $conversationId) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetractMessage($messageId: ID!) {\n    retractMessage(messageId: $messageId) {\n      id\n      body\n      retractedAt\n      retractionReason\n      attachments {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RetractMessage($messageId: ID!) {\n    retractMessage(messageId: $messageId) {\n      id\n      body\n      retractedAt\n      retractionReason\n      attachments {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox {\n    viewer {\n      id\n    }\n    conversations {\n      id\n      subject\n      kind\n      lastMessageAt\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n      }\n      lastMessage {\n        id\n        body\n        retractedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Inbox {\n    viewer {\n      id\n    }\n    conversations {\n      id\n      subject\n      kind\n      lastMessageAt\n      unreadCount\n      answerDueAt\n      participants {\n        id\n        shortName\n        kind\n      }\n      lastMessage {\n        id\n        body\n        retractedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ComposeViewer {\n    viewer {\n      id\n      school {\n        id\n      }\n      children {\n        id\n        shortName\n      }\n      taughtGroups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query ComposeViewer {\n    viewer {\n      id\n      school {\n        id\n      }\n      children {\n        id\n        shortName\n      }\n      taughtGroups {\n        id\n        name\n        subject {\n          id\n          name\n        }\n      }\n      ledClasses {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contacts($schoolId: ID!, $search: String!) {\n    contacts(schoolId: $schoolId, search: $search) {\n      id\n      shortName\n      fullName\n      note\n      staff\n      parent\n      student\n    }\n  }\n"): (typeof documents)["\n  query Contacts($schoolId: ID!, $search: String!) {\n    contacts(schoolId: $schoolId, search: $search) {\n      id\n      shortName\n      fullName\n      note\n      staff\n      parent\n      student\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation StartConversation($input: StartConversationInput!) {\n    startConversation(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettings {\n    notificationSettings {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n"): (typeof documents)["\n  query NotificationSettings {\n    notificationSettings {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n"): (typeof documents)["\n  mutation SetNotificationSettings($input: NotificationSettingsInput!) {\n    setNotificationSettings(input: $input) {\n      email\n      phone\n      emailMode\n      smsKinds\n      quietFrom\n      quietTo\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OverdueLetters($schoolId: ID!) {\n    overdueLetters(schoolId: $schoolId) {\n      conversationId\n      subject\n      from\n      to\n      className\n      awaitingSince\n      answerDueAt\n    }\n  }\n"): (typeof documents)["\n  query OverdueLetters($schoolId: ID!) {\n    overdueLetters(schoolId: $schoolId) {\n      conversationId\n      subject\n      from\n      to\n      className\n      awaitingSince\n      answerDueAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n"): (typeof documents)["\n  query UnreadMessageCount {\n    unreadMessageCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MessageEvents($schoolId: ID!, $after: ID) {\n    messageEvents(schoolId: $schoolId, after: $after) {\n      id\n      type\n      conversationId\n    }\n  }\n"): (typeof documents)["\n  subscription MessageEvents($schoolId: ID!, $after: ID) {\n    messageEvents(schoolId: $schoolId, after: $after) {\n      id\n      type\n      conversationId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeviceSettings {\n    pushPublicKey\n    pushSubscriptions {\n      id\n      device\n      endpoint\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  query DeviceSettings {\n    pushPublicKey\n    pushSubscriptions {\n      id\n      device\n      endpoint\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPush($input: RegisterPushSubscriptionInput!) {\n    registerPushSubscription(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterPush($input: RegisterPushSubscriptionInput!) {\n    registerPushSubscription(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n"): (typeof documents)["\n  mutation UnregisterPush($endpoint: String!) {\n    unregisterPushSubscription(endpoint: $endpoint)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayMark($input: PutMarkInput!) {\n    putMark(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayAttendance($input: SetAttendanceInput!) {\n    setAttendance(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($schoolId: ID!, $filter: AuditFilter, $after: String) {\n    auditLog(schoolId: $schoolId, filter: $filter, after: $after, first: 50) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entity\n          entityId\n          actorName\n          actorLogin\n          ip\n          invalidatedAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($schoolId: ID!, $filter: AuditFilter, $after: String) {\n    auditLog(schoolId: $schoolId, filter: $filter, after: $after, first: 50) {\n      edges {\n        cursor\n        node {\n          id\n          at\n          action\n          entity\n          entityId\n          actorName\n          actorLogin\n          ip\n          invalidatedAt\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FillRate($schoolId: ID!, $periodId: ID!) {\n    fillRate(schoolId: $schoolId, periodId: $periodId) {\n      asOf\n      rows {\n        group {\n          id\n          name\n        }\n        subject {\n          id\n          name\n        }\n        teachers {\n          id\n          shortName\n        }\n        lessonsHeld\n        lessonsWithoutTopic {\n          id\n        }\n        lessonsWithoutHomework {\n          id\n        }\n        markCount\n        marksLate\n        marksBackdated\n        studentCount\n        studentsWithoutMarks {\n          id\n        }\n        withoutMarksShare\n        oneMarkShare\n      }\n    }\n  }\n"): (typeof documents)["\n  query FillRate($schoolId: ID!, $periodId: ID!) {\n    fillRate(schoolId: $schoolId, periodId: $periodId) {\n      asOf\n      rows {\n        group {\n          id\n          name\n        }\n        subject {\n          id\n          name\n        }\n        teachers {\n          id\n          shortName\n        }\n        lessonsHeld\n        lessonsWithoutTopic {\n          id\n        }\n        lessonsWithoutHomework {\n          id\n        }\n        markCount\n        marksLate\n        marksBackdated\n        studentCount\n        studentsWithoutMarks {\n          id\n        }\n        withoutMarksShare\n        oneMarkShare\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeriodAnalytics($periodId: ID!) {\n    periodAnalytics(periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      stats {\n        fives\n        fours\n        threes\n        failing\n        notAttested\n        quality\n        success\n      }\n    }\n  }\n"): (typeof documents)["\n  query PeriodAnalytics($periodId: ID!) {\n    periodAnalytics(periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      subject {\n        id\n        name\n      }\n      stats {\n        fives\n        fours\n        threes\n        failing\n        notAttested\n        quality\n        success\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportsScreen {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n      }\n      ledClasses {\n        id\n        name\n      }\n      school {\n        id\n        currentYear {\n          id\n          classes {\n            id\n            name\n          }\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportsScreen {\n    viewer {\n      id\n      fullName\n      roles\n      children {\n        id\n        fullName\n      }\n      ledClasses {\n        id\n        name\n      }\n      school {\n        id\n        currentYear {\n          id\n          classes {\n            id\n            name\n          }\n          periods {\n            id\n            name\n            startsOn\n            endsOn\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClassSummary($classId: ID!, $periodId: ID!) {\n    classSummary(classId: $classId, periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      period {\n        id\n        name\n      }\n      subjects {\n        subject {\n          id\n          name\n        }\n        stats {\n          fives\n          fours\n          threes\n          failing\n          notAttested\n          quality\n          success\n        }\n      }\n      rows {\n        number\n        student {\n          id\n          fullName\n        }\n        cells {\n          subjectId\n          average\n          periodMark\n          markCount\n        }\n        attendance {\n          missed\n          ill\n          late\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClassSummary($classId: ID!, $periodId: ID!) {\n    classSummary(classId: $classId, periodId: $periodId) {\n      schoolClass {\n        id\n        name\n      }\n      period {\n        id\n        name\n      }\n      subjects {\n        subject {\n          id\n          name\n        }\n        stats {\n          fives\n          fours\n          threes\n          failing\n          notAttested\n          quality\n          success\n        }\n      }\n      rows {\n        number\n        student {\n          id\n          fullName\n        }\n        cells {\n          subjectId\n          average\n          periodMark\n          markCount\n        }\n        attendance {\n          missed\n          ill\n          late\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MarkHistory_mark on Mark {\n    id\n    history {\n      kind\n      version\n      oldValue\n      newValue\n      oldWorkType\n      newWorkType\n      reason\n      backdated\n      at\n      author {\n        id\n        shortName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MarkHistory_mark on Mark {\n    id\n    history {\n      kind\n      version\n      oldValue\n      newValue\n      oldWorkType\n      newWorkType\n      reason\n      backdated\n      at\n      author {\n        id\n        shortName\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;