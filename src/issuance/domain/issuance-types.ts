/** Vocabulary of 发文 (documents issued in the name of the 市政府, its office or a department). */

/** 市政府 / 市政府办公室; 'department' covers a department's own documents (第二十一、四十六条). */
export type IssuerKind = 'government' | 'office' | 'department';

export type IssuanceCategory =
  | 'normative' // 行政规范性文件
  | 'decision' // 决定
  | 'order' // 命令
  | 'motion' // 议案 to the 人大 or its standing committee
  | 'appointment' // 人事任免
  | 'upward' // 上行文 to the Suzhou government or the 市委
  | 'work' // 一般/重要工作 (importance says which)
  | 'minutes' // 会议纪要 (第三十八条)
  | 'agreement'; // 以市政府名义对外签署的协议 (第二十条)

export const CATEGORY_LABELS: Record<IssuanceCategory, string> = {
  normative: '行政规范性文件',
  decision: '决定',
  order: '命令',
  motion: '议案',
  appointment: '人事任免',
  upward: '上行文',
  work: '工作文件',
  minutes: '会议纪要',
  agreement: '协议',
};

export type Importance = 'general' | 'important';

/** 第三十三条 meeting types. */
export type MeetingType = 'plenary' | 'executive' | 'mayor_office' | 'topical';

export const MEETING_LABELS: Record<MeetingType, string> = {
  plenary: '市政府全体会议',
  executive: '市政府常务会议',
  mayor_office: '市长办公会议',
  topical: '市政府专题会议',
};

/** 第三十八条: topical minutes on these go to the 市长 for approval. */
export const SENSITIVE_SUBJECTS = ['organisation', 'staffing', 'funding', 'policy_change', 'audit', 'major_project'] as const;
export type SensitiveSubject = (typeof SENSITIVE_SUBJECTS)[number];
export const SENSITIVE_SUBJECT_LABELS: Record<SensitiveSubject, string> = {
  organisation: '机构设置',
  staffing: '人员编制',
  funding: '资金安排',
  policy_change: '政策调整',
  audit: '审计事项',
  major_project: '重大项目',
};

/** Who chaired a meeting: a role, and the leader position when the role has several holders. */
export interface Chair {
  role: 'mayor' | 'executive_vice_mayor' | 'vice_mayor' | 'office_director' | 'office_deputy_director';
  leaderId?: string;
}

export interface MeetingInfo {
  type: MeetingType;
  /** e.g. '第6次常务会议'. */
  session?: string;
  /** Topical meetings (第三十七条): who chaired, and for whom when a deputy director stood in. */
  chair?: Chair;
  /** 受副市长委托 a deputy director chaired: that vice mayor's leader id (第三十八条). */
  onBehalfOfLeaderId?: string;
  /** Topical meetings: the 办公室副主任 who attended and reviews the minutes (id or leader id). */
  attendingDeputyDirector?: string;
  sensitiveSubjects: SensitiveSubject[];
}

/** 第四十六条: a request that the 市政府 批转 or its office 转发 a department's document. */
export interface ForwardingRequest {
  kind: 'endorse' | 'forward'; // 批转 | 转发
  sourceUnit: string;
  /** The matter lies within the source department's own authority. */
  withinSourceAuthority: boolean;
}

/** 第四十六条: the basis on which a department may send formal documents to towns/streets. */
export interface TownStreetBasis {
  basis: 'law' | 'government_approval';
  reference: string;
}

export type DeliberationMeeting = 'executive' | 'plenary';
export type DeliberationOutcome = 'adopted' | 'adopted_with_amendments' | 'rejected' | 'deferred';
