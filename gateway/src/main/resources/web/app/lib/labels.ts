// The enum values of the contract in both languages. Keyed by the generated types, so a value
// the contract adds or renames is a type error here, not a raw code on screen.
import type { components } from "@aic/contract";
import type { Lang } from "./i18n";

type S = components["schemas"];
type Labels<E extends string> = Record<E, [en: string, zh: string]>;

const partnerType: Labels<S["PartnerType"]> = {
  GOVERNMENT_AGENCY: ["Government agency", "政府部门"],
  STATE_OWNED_ENTERPRISE: ["State-owned enterprise", "国有企业"],
  PRIVATE_ENTERPRISE: ["Private enterprise", "民营企业"],
  STARTUP: ["Start-up", "初创企业"],
  UNIVERSITY: ["University", "高校"],
  RESEARCH_INSTITUTE: ["Research institute", "科研院所"],
  NON_PROFIT: ["Non-profit", "非营利组织"],
};
const partnerStatus: Labels<S["PartnerStatus"]> = {
  PROSPECT: ["Prospect", "意向"],
  ACTIVE: ["Active", "合作中"],
  SUSPENDED: ["Suspended", "暂停"],
  ENDED: ["Ended", "已终止"],
};
const sector: Labels<S["Sector"]> = {
  SMART_CITY: ["Smart city", "智慧城市"],
  MANUFACTURING: ["Manufacturing", "制造"],
  HEALTHCARE: ["Healthcare", "医疗健康"],
  FINANCE: ["Finance", "金融"],
  EDUCATION: ["Education", "教育"],
  TRANSPORTATION: ["Transportation", "交通"],
  ENERGY: ["Energy", "能源"],
  RETAIL: ["Retail", "零售"],
  PUBLIC_SERVICES: ["Public services", "公共服务"],
  OTHER: ["Other", "其他"],
};
const tier: Labels<S["Tier"]> = {
  STRATEGIC: ["Strategic", "战略"],
  CORE: ["Core", "核心"],
  COMMUNITY: ["Community", "社区"],
};
const agreementType: Labels<S["AgreementType"]> = {
  MOU: ["Memorandum of understanding", "合作备忘录"],
  NDA: ["Non-disclosure agreement", "保密协议"],
  JOINT_RESEARCH: ["Joint research", "联合研究"],
  TRAINING: ["Training", "培训"],
  DATA_SHARING: ["Data sharing", "数据共享"],
};
const projectStatus: Labels<S["ProjectStatus"]> = {
  PROPOSED: ["Proposed", "已提议"],
  APPROVED: ["Approved", "已批准"],
  ACTIVE: ["Active", "进行中"],
  ON_HOLD: ["On hold", "暂缓"],
  COMPLETED: ["Completed", "已完成"],
  CANCELLED: ["Cancelled", "已取消"],
};
const researchArea: Labels<S["ResearchArea"]> = {
  COMPUTER_VISION: ["Computer vision", "计算机视觉"],
  NATURAL_LANGUAGE_PROCESSING: ["Natural language processing", "自然语言处理"],
  MACHINE_READING_COMPREHENSION: ["Machine reading comprehension", "机器阅读理解"],
  MACHINE_TRANSLATION: ["Machine translation", "机器翻译"],
  SPEECH: ["Speech", "语音"],
  KNOWLEDGE_GRAPH: ["Knowledge graph", "知识图谱"],
  SMART_CITY: ["Smart city", "智慧城市"],
  AI_INFRASTRUCTURE: ["AI infrastructure", "人工智能基础设施"],
  RESPONSIBLE_AI: ["Responsible AI", "负责任的人工智能"],
  OTHER: ["Other", "其他"],
};
const participantRole: Labels<S["ParticipantRole"]> = {
  LEAD: ["Lead", "牵头"],
  CO_RESEARCHER: ["Co-researcher", "合作研究"],
  FUNDER: ["Funder", "资助"],
  PILOT_SITE: ["Pilot site", "试点"],
  DATA_PROVIDER: ["Data provider", "数据提供"],
};
const milestoneStatus: Labels<S["MilestoneStatus"]> = {
  PLANNED: ["Planned", "计划中"],
  IN_PROGRESS: ["In progress", "进行中"],
  DONE: ["Done", "已完成"],
  MISSED: ["Missed", "未达成"],
};
const outcomeType: Labels<S["OutcomeType"]> = {
  PAPER: ["Paper", "论文"],
  PATENT: ["Patent", "专利"],
  PRODUCT_TRANSFER: ["Product transfer", "成果转化"],
  DEMONSTRATION: ["Demonstration", "示范应用"],
  DATASET: ["Dataset", "数据集"],
  OPEN_SOURCE: ["Open source", "开源"],
};
const programmeStatus: Labels<S["ProgrammeStatus"]> = {
  DRAFT: ["Draft", "草稿"],
  PUBLISHED: ["Open for enrolment", "报名中"],
  IN_PROGRESS: ["In progress", "进行中"],
  COMPLETED: ["Completed", "已结束"],
  CANCELLED: ["Cancelled", "已取消"],
};
const topic: Labels<S["Topic"]> = {
  AI_FUNDAMENTALS: ["AI fundamentals", "人工智能基础"],
  MACHINE_LEARNING: ["Machine learning", "机器学习"],
  DEEP_LEARNING: ["Deep learning", "深度学习"],
  COMPUTER_VISION: ["Computer vision", "计算机视觉"],
  NLP: ["Natural language processing", "自然语言处理"],
  CLOUD_AI_PLATFORM: ["Cloud AI platform", "云端人工智能平台"],
  DATA_ENGINEERING: ["Data engineering", "数据工程"],
  AI_FOR_GOVERNMENT: ["AI for government", "政务人工智能"],
  RESPONSIBLE_AI: ["Responsible AI", "负责任的人工智能"],
};
const format: Labels<S["Format"]> = {
  IN_PERSON: ["In person", "线下"],
  ONLINE: ["Online", "线上"],
  HYBRID: ["Hybrid", "线上线下结合"],
};
const level: Labels<S["Level"]> = {
  BEGINNER: ["Beginner", "入门"],
  INTERMEDIATE: ["Intermediate", "进阶"],
  ADVANCED: ["Advanced", "高级"],
};
const enrolmentStatus: Labels<S["EnrolmentStatus"]> = {
  ENROLLED: ["Enrolled", "已报名"],
  WAITLISTED: ["Waitlisted", "候补"],
  CANCELLED: ["Cancelled", "已取消"],
  COMPLETED: ["Completed", "已结业"],
  NO_SHOW: ["No-show", "缺席"],
};
const role: Labels<"admin" | "partner-manager" | "project-manager" | "training-coordinator" | "viewer" | "integrator"> = {
  admin: ["Administrator", "管理员"],
  "partner-manager": ["Partner manager", "合作伙伴经理"],
  "project-manager": ["Project manager", "项目经理"],
  "training-coordinator": ["Training coordinator", "培训协调员"],
  viewer: ["Viewer", "只读用户"],
  integrator: ["Integrator", "系统集成方"],
};

export const ENUMS = {
  partnerType, partnerStatus, sector, tier, agreementType, projectStatus, researchArea, participantRole,
  milestoneStatus, outcomeType, programmeStatus, topic, format, level, enrolmentStatus, role,
};
export type EnumName = keyof typeof ENUMS;
export type Role = keyof typeof role;
export const ROLES = Object.keys(role) as Role[];

/** The values of an enum, in the contract's order. */
export function values<N extends EnumName>(name: N): (keyof (typeof ENUMS)[N] & string)[] {
  return Object.keys(ENUMS[name]) as (keyof (typeof ENUMS)[N] & string)[];
}

/** A value's label; an unknown value (a newer server) shows as itself rather than breaking the page. */
export function label(lang: Lang, name: EnumName, value: string | null | undefined): string {
  if (value === null || value === undefined) {
    return "—";
  }
  const labels: Record<string, [string, string]> = ENUMS[name];
  const found = labels[value];
  return found ? found[lang === "zh" ? 1 : 0] : value;
}
