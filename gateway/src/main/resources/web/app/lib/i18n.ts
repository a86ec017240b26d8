// Every label of the console in Chinese and English, and the formats of each language. Dates
// are the center's: plain dates (2026-03-01) are shown as they are, instants in Asia/Shanghai.

export type Lang = "zh" | "en";
export const ZONE = "Asia/Shanghai";
export const LANG_KEY = "aic.lang";

const en = {
  appName: "AI Innovation Center",
  skipToContent: "Skip to content",
  navOverview: "Overview",
  navPartners: "Partners",
  navProjects: "Projects",
  navTraining: "Training",
  navCertificates: "Certificates",
  navApi: "API (Swagger UI)",
  language: "Language",
  signIn: "Sign in",
  signOut: "Sign out",
  signedInAs: "Signed in as {name} ({roles})",
  signInTitle: "Sign in to the console",
  signInLocal: "Local stack: choose a role. The gateway signs a token with the local-only key.",
  signInAs: "Sign in as {role}",
  signInOidc: "Sign in with the identity provider",
  signInNone: "No sign-in is configured: set AIC_CONSOLE_OIDC_ISSUER and AIC_CONSOLE_OIDC_CLIENT_ID for the gateway, or start the local stack with ./aic up.",
  signInNeeded: "Sign in to see this page.",
  signInFailed: "Sign-in failed: {detail}",
  publicPages: "Without signing in: the training catalogue and certificate check.",
  loading: "Loading…",
  retry: "Try again",
  errorTitle: "Something went wrong",
  errorUnavailable: "{service} is not answering right now. The rest of the page still works; try again in a few seconds.",
  errorForbidden: "Your role may not see this. Sign in with another role.",
  errorUnauthorized: "Your sign-in has expired or is not valid. Sign in again.",
  errorNotFound: "This was not found. It may have been deleted, or the link is wrong.",
  errorGeneric: "The request failed ({status}). {detail}",
  errorNetwork: "The gateway cannot be reached. Check your connection and try again.",
  requestId: "Request id (give it to an operator): {id}",
  empty: "Nothing here yet.",
  emptyFiltered: "Nothing matches these filters. Clear them to see everything.",
  clearFilters: "Clear filters",
  // overview
  overviewTitle: "The center at a glance",
  partnersByType: "Partners by type",
  partnersByStatus: "Partners by status",
  partnersBySector: "Partners by sector",
  partnersByTier: "Partners by tier",
  projectsByStatus: "Projects by status",
  projectsByArea: "Projects by research area",
  budgetTotals: "Budgets",
  seats: "Seats in open programmes",
  seatsTaken: "taken",
  seatsFree: "free",
  waitlisted: "waitlisted",
  completionRate: "Completion rate",
  completionRateHelp: "completed / seats taken, over programmes that have started",
  milestonesDueSoon: "Milestones due in {days} days",
  milestonesOverdue: "Overdue milestones",
  noMilestones: "None.",
  trends: "Trends",
  period: "Period",
  interval: "Interval",
  from: "From",
  to: "To",
  apply: "Apply",
  intervalweek: "week",
  intervalmonth: "month",
  intervalquarter: "quarter",
  intervalyear: "year",
  presetLast12Months: "Last 12 months",
  presetLast8Quarters: "Last 8 quarters",
  presetLast5Years: "Last 5 years",
  presetLast12Weeks: "Last 12 weeks",
  presetCustom: "Custom",
  trendPartners: "Partners joined and ended",
  trendProjects: "Projects started, completed, cancelled",
  trendBudget: "Budget of projects started",
  trendEnrolments: "Enrolments",
  trendCompletion: "Completion rate by programme end",
  joined: "joined",
  ended: "ended",
  started: "started",
  completed: "completed",
  cancelled: "cancelled",
  made: "made",
  total: "Total",
  partUnavailable: "Not available: {reason}",
  drawnIn: "Drawn in {ms} ms",
  // lists
  search: "Search",
  searchPartners: "Name, in Chinese or English",
  searchProjects: "Code, title or summary",
  searchProgrammes: "Code, title or description",
  type: "Type",
  status: "Status",
  sector: "Sector",
  tier: "Tier",
  district: "District",
  sort: "Sort",
  any: "Any",
  previous: "Previous",
  next: "Next",
  pageOf: "Page {page} of {pages} · {total} in all",
  name: "Name",
  nameEn: "English name",
  joinedOn: "Joined",
  updatedAt: "Updated",
  newPartner: "New partner",
  // partner page
  details: "Details",
  contacts: "Contacts",
  agreements: "Agreements in force",
  noAgreements: "No agreement is in force.",
  primary: "primary",
  creditCode: "Credit code",
  website: "Website",
  address: "Address",
  country: "Country",
  city: "City",
  province: "Province",
  email: "Email",
  phone: "Phone",
  title: "Title",
  signedOn: "Signed",
  expiresOn: "Expires",
  itsProjects: "Its projects",
  itsProgrammes: "Programmes it hosts",
  itsEnrolments: "Its people's enrolments",
  history: "History",
  noHistory: "No status change yet.",
  by: "by",
  edit: "Edit",
  save: "Save",
  saving: "Saving…",
  cancel: "Cancel",
  create: "Create",
  saved: "Saved.",
  transition: "Change status",
  moveTo: "Move to {status}",
  reason: "Reason",
  reasonRequired: "Give a reason: it is kept in the history.",
  moved: "Moved to {status}.",
  conflictTitle: "Changed by someone else since you opened it",
  conflictBody: "Your changes are kept below. The current values are shown next to each field; save again to overwrite them with yours, or discard yours.",
  conflictCurrent: "now: {value}",
  useCurrent: "Discard mine and use the current values",
  keepMine: "Save mine over theirs",
  fieldErrors: "Some fields need attention.",
  readOnlyRole: "Your role can read this but not change it.",
  // projects
  code: "Code",
  researchArea: "Research area",
  leadPartner: "Lead partner",
  startDate: "Start",
  endDate: "End",
  budget: "Budget",
  participants: "Participants",
  role: "Role",
  milestones: "Milestones",
  dueDate: "Due",
  overdue: "overdue",
  dueSoon: "due soon",
  outcomes: "Outcomes",
  noOutcomes: "No outcome yet.",
  principalInvestigator: "Principal investigator",
  summary: "Summary",
  unknownPartner: "(partner not found)",
  // training
  catalogueTitle: "Training catalogue",
  catalogueIntro: "Programmes open for enrolment. No account needed.",
  topic: "Topic",
  format: "Format",
  level: "Level",
  languageOfProgramme: "Language",
  capacity: "Seats",
  deadline: "Enrol by",
  location: "Location",
  sessions: "Sessions",
  instructors: "Instructors",
  enrolTitle: "Enrol",
  yourName: "Your name",
  organisation: "Organisation",
  enrol: "Enrol",
  enrolling: "Enrolling…",
  enrolledSeat: "You have a seat. Keep this link to cancel: {link}",
  enrolledWaitlist: "The programme is full: you are number {position} on the waitlist. You move up when a seat frees. Keep this link to cancel: {link}",
  enrolments: "Enrolments",
  waitlist: "Waitlist",
  position: "Position",
  participant: "Participant",
  certificate: "Certificate",
  complete: "Complete",
  noShow: "No-show",
  cancelEnrolment: "Cancel",
  seatsLeft: "{free} of {capacity} seats free",
  full: "Full: new enrolments join the waitlist ({waitlisted} waiting)",
  figures: "Figures",
  // certificates
  verifyTitle: "Verify a certificate",
  verifyIntro: "Enter the code printed on the certificate.",
  certificateCode: "Certificate code",
  verify: "Verify",
  certificateValid: "Valid certificate",
  certificateNotFound: "No certificate has this code. Check it letter by letter.",
  holder: "Holder",
  programme: "Programme",
  completedOn: "Completed on",
};

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  appName: "人工智能创新中心",
  skipToContent: "跳到正文",
  navOverview: "概览",
  navPartners: "合作伙伴",
  navProjects: "项目",
  navTraining: "培训",
  navCertificates: "证书",
  navApi: "API（Swagger UI）",
  language: "语言",
  signIn: "登录",
  signOut: "退出",
  signedInAs: "已登录：{name}（{roles}）",
  signInTitle: "登录控制台",
  signInLocal: "本地环境：选择一个角色。网关用仅限本地的密钥签发令牌。",
  signInAs: "以 {role} 登录",
  signInOidc: "通过身份提供方登录",
  signInNone: "未配置登录：请为网关设置 AIC_CONSOLE_OIDC_ISSUER 和 AIC_CONSOLE_OIDC_CLIENT_ID，或用 ./aic up 启动本地环境。",
  signInNeeded: "请先登录再查看此页。",
  signInFailed: "登录失败：{detail}",
  publicPages: "无需登录：培训目录与证书查验。",
  loading: "加载中…",
  retry: "重试",
  errorTitle: "出错了",
  errorUnavailable: "{service} 暂时没有响应。页面其余部分仍可使用，请几秒后重试。",
  errorForbidden: "您的角色无权查看此内容。请换一个角色登录。",
  errorUnauthorized: "登录已过期或无效，请重新登录。",
  errorNotFound: "未找到。它可能已被删除，或链接有误。",
  errorGeneric: "请求失败（{status}）。{detail}",
  errorNetwork: "无法连接网关。请检查网络后重试。",
  requestId: "请求编号（可提供给运维人员）：{id}",
  empty: "暂无内容。",
  emptyFiltered: "没有符合筛选条件的结果。清除筛选以查看全部。",
  clearFilters: "清除筛选",
  overviewTitle: "中心概况",
  partnersByType: "合作伙伴（按类型）",
  partnersByStatus: "合作伙伴（按状态）",
  partnersBySector: "合作伙伴（按行业）",
  partnersByTier: "合作伙伴（按层级）",
  projectsByStatus: "项目（按状态）",
  projectsByArea: "项目（按研究方向）",
  budgetTotals: "预算",
  seats: "开放课程的名额",
  seatsTaken: "已占",
  seatsFree: "空余",
  waitlisted: "候补",
  completionRate: "结业率",
  completionRateHelp: "已开课课程中：结业人数 / 已占名额",
  milestonesDueSoon: "{days} 天内到期的里程碑",
  milestonesOverdue: "已逾期的里程碑",
  noMilestones: "无。",
  trends: "趋势",
  period: "时段",
  interval: "间隔",
  from: "从",
  to: "到",
  apply: "应用",
  intervalweek: "周",
  intervalmonth: "月",
  intervalquarter: "季度",
  intervalyear: "年",
  presetLast12Months: "最近 12 个月",
  presetLast8Quarters: "最近 8 个季度",
  presetLast5Years: "最近 5 年",
  presetLast12Weeks: "最近 12 周",
  presetCustom: "自定义",
  trendPartners: "合作伙伴加入与终止",
  trendProjects: "项目启动、完成、取消",
  trendBudget: "启动项目的预算",
  trendEnrolments: "报名",
  trendCompletion: "结业率（按课程结束时间）",
  joined: "加入",
  ended: "终止",
  started: "启动",
  completed: "完成",
  cancelled: "取消",
  made: "报名",
  total: "合计",
  partUnavailable: "暂不可用：{reason}",
  drawnIn: "绘制用时 {ms} 毫秒",
  search: "搜索",
  searchPartners: "中文或英文名称",
  searchProjects: "编号、标题或摘要",
  searchProgrammes: "编号、标题或简介",
  type: "类型",
  status: "状态",
  sector: "行业",
  tier: "层级",
  district: "区",
  sort: "排序",
  any: "全部",
  previous: "上一页",
  next: "下一页",
  pageOf: "第 {page} / {pages} 页 · 共 {total} 条",
  name: "名称",
  nameEn: "英文名称",
  joinedOn: "加入日期",
  updatedAt: "更新时间",
  newPartner: "新建合作伙伴",
  details: "详情",
  contacts: "联系人",
  agreements: "有效协议",
  noAgreements: "没有有效的协议。",
  primary: "主要",
  creditCode: "统一社会信用代码",
  website: "网站",
  address: "地址",
  country: "国家",
  city: "城市",
  province: "省份",
  email: "邮箱",
  phone: "电话",
  title: "职务",
  signedOn: "签署",
  expiresOn: "到期",
  itsProjects: "参与的项目",
  itsProgrammes: "承办的培训",
  itsEnrolments: "员工的报名",
  history: "历史",
  noHistory: "尚无状态变更。",
  by: "操作人",
  edit: "编辑",
  save: "保存",
  saving: "保存中…",
  cancel: "取消",
  create: "创建",
  saved: "已保存。",
  transition: "变更状态",
  moveTo: "变更为{status}",
  reason: "原因",
  reasonRequired: "请填写原因：它会记入历史。",
  moved: "已变更为{status}。",
  conflictTitle: "在您打开之后，已有其他人修改了它",
  conflictBody: "您填写的内容保留在下方。每个字段旁显示了当前值；再次保存会用您的内容覆盖，或放弃您的修改。",
  conflictCurrent: "当前：{value}",
  useCurrent: "放弃我的修改，使用当前值",
  keepMine: "用我的内容覆盖",
  fieldErrors: "有些字段需要修改。",
  readOnlyRole: "您的角色只能查看，不能修改。",
  code: "编号",
  researchArea: "研究方向",
  leadPartner: "牵头单位",
  startDate: "开始",
  endDate: "结束",
  budget: "预算",
  participants: "参与单位",
  role: "角色",
  milestones: "里程碑",
  dueDate: "到期",
  overdue: "已逾期",
  dueSoon: "即将到期",
  outcomes: "成果",
  noOutcomes: "尚无成果。",
  principalInvestigator: "项目负责人",
  summary: "摘要",
  unknownPartner: "（未找到该合作伙伴）",
  catalogueTitle: "培训目录",
  catalogueIntro: "正在报名的课程，无需账号。",
  topic: "主题",
  format: "形式",
  level: "级别",
  languageOfProgramme: "授课语言",
  capacity: "名额",
  deadline: "报名截止",
  location: "地点",
  sessions: "课次",
  instructors: "讲师",
  enrolTitle: "报名",
  yourName: "姓名",
  organisation: "单位",
  enrol: "报名",
  enrolling: "报名中…",
  enrolledSeat: "您已获得名额。请保存此链接以便取消：{link}",
  enrolledWaitlist: "课程已满：您在候补名单第 {position} 位，有名额空出时会依次递补。请保存此链接以便取消：{link}",
  enrolments: "报名",
  waitlist: "候补名单",
  position: "位次",
  participant: "学员",
  certificate: "证书",
  complete: "结业",
  noShow: "缺席",
  cancelEnrolment: "取消",
  seatsLeft: "剩余 {free} / {capacity} 个名额",
  full: "已满：新报名进入候补（{waitlisted} 人等候）",
  figures: "数据",
  verifyTitle: "查验证书",
  verifyIntro: "输入证书上印的编号。",
  certificateCode: "证书编号",
  verify: "查验",
  certificateValid: "证书有效",
  certificateNotFound: "没有此编号的证书。请逐字核对。",
  holder: "持有人",
  programme: "课程",
  completedOn: "结业日期",
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** The language to show: the one chosen before, else the browser's first zh or en, else English. */
export function detectLang(browserLanguages: readonly string[], stored: string | null): Lang {
  if (stored === "zh" || stored === "en") {
    return stored;
  }
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split("-")[0];
    if (primary === "zh" || primary === "en") {
      return primary;
    }
  }
  return "en";
}

/** A message with its {placeholders} filled. */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole);
}

export function locale(lang: Lang): string {
  return lang === "zh" ? "zh-CN" : "en-GB";
}

/** A plain date of the center (2026-03-01): shown as that day, never shifted by the browser's zone. */
export function formatDate(lang: Lang, date: string | null | undefined): string {
  if (!date) {
    return "—";
  }
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(lang), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant, as the center's clock showed it. */
export function formatInstant(lang: Lang, instant: string | null | undefined): string {
  if (!instant) {
    return "—";
  }
  return new Intl.DateTimeFormat(locale(lang), {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: ZONE,
  }).format(new Date(instant));
}

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(locale(lang)).format(value);
}

/** The totals of a list's page, as every page of the contract has them. */
export interface PageTotals {
  page: number;
  totalPages: number;
  totalItems: number;
  totalItemsExact: boolean;
}

/**
 * "Page 2 of 5 · 93 in all" for a list's page; a total the list stopped counting at (totalItemsExact
 * false) is a lower bound and shows as "50+" pages and "1,000+" in all.
 */
export function pageOf(lang: Lang, { page, totalPages, totalItems, totalItemsExact }: PageTotals): string {
  const more = totalItemsExact ? "" : "+";
  return t(lang, "pageOf", {
    page: formatNumber(lang, page + 1),
    pages: formatNumber(lang, Math.max(totalPages, 1)) + more,
    total: formatNumber(lang, totalItems) + more,
  });
}

/** Money from its decimal string, exactly (the whole part as a BigInt, never through a float). */
export function formatMoney(lang: Lang, amount: string, currency: string): string {
  const [whole, fraction = ""] = amount.split(".");
  const grouped = new Intl.NumberFormat(locale(lang)).format(BigInt(whole));
  return `${grouped}.${(fraction + "00").slice(0, 2)} ${currency}`;
}

export function formatPercent(lang: Lang, rate: number | null | undefined): string {
  if (rate === null || rate === undefined) {
    return "—";
  }
  return new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 1 }).format(rate);
}

/** The label of a bucket: its first day as a week, month, quarter or year of that language. */
export function bucketLabel(lang: Lang, interval: string, start: string): string {
  const [y, m, d] = start.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  switch (interval) {
    case "year":
      return String(y);
    case "quarter":
      return lang === "zh" ? `${y}年第${Math.floor((m - 1) / 3) + 1}季度` : `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
    case "month":
      return new Intl.DateTimeFormat(locale(lang), { year: "numeric", month: "short", timeZone: "UTC" }).format(date);
    default:
      return new Intl.DateTimeFormat(locale(lang), { month: "short", day: "numeric", timeZone: "UTC" }).format(date);
  }
}
