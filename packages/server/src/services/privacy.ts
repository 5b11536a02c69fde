/**
 * Personal data on the server: the record of staff reads of personal data in the audit trail, a person's
 * own data ("my data"), and the city's register of personal-data files (PIPA Art. 32).
 */
import type { TenantId } from "@citypath/core";
import { CONSENT_TEXTS, INACTIVITY_DELETE_DAYS } from "@citypath/core/participation/index";
import { appendAudit, consentsOf, registerCounts, type Store } from "@citypath/db";
import type { Caller } from "../env.ts";
import { actorId } from "./audit.ts";

/**
 * Writes a staff read of personal data to the tenant's audit trail (PIPA Art. 28-29: who saw whose data,
 * when): what was read and how many people's data it showed, never the data itself.
 */
export async function recordRead(
  store: Store,
  caller: Caller,
  tenantId: TenantId,
  what: "members" | "invitations" | "moderation_queue",
  people: number,
): Promise<void> {
  await appendAudit(store, {
    tenantId,
    actorId: actorId(caller),
    action: "read",
    entity: "personal_data",
    entityId: what,
    after: { people },
  });
}

const iso = (d: Date) => d.toISOString();

/** Everything held of an account, in every city. */
export async function myData(store: Store, userId: string, now: number) {
  const u = await store.users.byId(userId);
  if (!u) return undefined;
  const [consents, ms, p, tenants] = await Promise.all([
    consentsOf(store, userId),
    store.memberships.ofUser(userId),
    store.participation.accountData(userId),
    store.tenants.list(),
  ]);
  const slug = new Map(tenants.map((t) => [t.id as string, t.slug]));
  const sl = (id: string) => slug.get(id) ?? id;
  return {
    format: "citypath.my-data" as const,
    exported_at: new Date(now).toISOString(),
    account: {
      id: u.id,
      email: u.email,
      name: u.name,
      district: u.district,
      email_verified: u.emailVerified,
      created_at: iso(u.createdAt),
      last_active_at: iso(u.lastActiveAt),
    },
    consents: consents.map((c) => ({
      kind: c.kind,
      text_version: c.textVersion,
      given_at: iso(c.givenAt),
      withdrawn_at: c.withdrawnAt && iso(c.withdrawnAt),
    })),
    memberships: ms.map((m) => ({ tenant: m.slug, role: m.role, departments: m.departments })),
    contributions: p.contributions.map((c) => ({
      tenant: sl(c.tenantId),
      consultation: c.consultationId,
      id: c.id,
      kind: c.kind,
      parent: c.parentId,
      title: c.title,
      text: c.text,
      display_name: c.authorName,
      badge: c.badge,
      moderation: c.moderation,
      supports: c.supportCount,
      created_at: iso(c.createdAt),
      edited_at: c.editedAt && iso(c.editedAt),
      answer: c.answer && {
        state: c.answer.state,
        answered_at: c.answer.answeredAt && iso(c.answer.answeredAt),
      },
    })),
    supports: p.supports.map((x) => ({
      tenant: sl(x.tenantId),
      contribution: x.contributionId,
      created_at: iso(x.createdAt),
    })),
    reports: p.reports.map((x) => ({
      tenant: sl(x.tenantId),
      contribution: x.contributionId,
      reason: x.reason,
      created_at: iso(x.createdAt),
    })),
    resident_verifications: p.verifications.map((x) => ({
      tenant: sl(x.tenantId),
      verified_at: iso(x.verifiedAt),
    })),
    blocks: p.blocks.map((x) => ({ tenant: sl(x.tenantId), reason: x.reason, created_at: iso(x.createdAt) })),
    follows: p.follows.map((x) => ({
      tenant: sl(x.tenantId),
      kind: x.kind,
      id: x.id,
      created_at: iso(x.createdAt),
    })),
  };
}

const tx = (ko: string, en: string) => ({ ko, en });

/** The city's register of personal-data files: one row per file, with the count of people it holds. */
export async function personalDataRegister(store: Store, tenantId: TenantId) {
  const n = await registerCounts(store, tenantId);
  const untilDeleted = tx(
    `계정 삭제 시까지(${INACTIVITY_DELETE_DAYS}일 미이용 시 30일·7일 전 안내 후 삭제)`,
    `Until the account is deleted (after ${INACTIVITY_DELETE_DAYS} days unused, with notices 30 and 7 days before)`,
  );
  const basis = tx(
    "개인정보 보호법 제15조제1항제1호(정보주체의 동의), 탄소중립기본법 제12조(주민 의견 청취)",
    "PIPA Art. 15(1)1 (consent); Carbon Neutrality Framework Act Art. 12 (hearing residents)",
  );
  const online = tx("전자적 처리(Citypath)", "Electronic (Citypath)");
  const none = tx("없음", "None");
  return [
    {
      name: tx(
        "탄소중립 계획 의견수렴 참여자",
        "Participants in consultations on the carbon-neutrality plan",
      ),
      basis,
      purpose: CONSENT_TEXTS.required.purpose,
      items: CONSENT_TEXTS.required.items,
      processing: online,
      retention: untilDeleted,
      recipients: none,
      records: n.participants,
    },
    {
      name: tx("주민 확인", "Resident verification"),
      basis,
      purpose: tx(
        "공감(지지)을 주민 1인 1회로 세기 위한 주민 여부 확인",
        "To count supports once per resident: whether an account is a verified resident",
      ),
      items: tx(
        "확인 여부와 일시, 주민 명부 항목의 키 해시(HMAC; 입력한 인적사항은 저장하지 않음)",
        "Whether and when verified; the keyed hash (HMAC) of the census entry (the details entered are not kept)",
      ),
      processing: online,
      retention: untilDeleted,
      recipients: none,
      records: n.residents,
    },
    {
      name: tx("주민 명부(키 해시)", "Census (keyed hashes)"),
      basis: tx("개인정보 보호법 제15조제1항제3호", "PIPA Art. 15(1)3 (statutory duty)"),
      purpose: tx("주민 확인 대조", "Matching for resident verification"),
      items: tx(
        "이름·생년월일·행정동의 HMAC-SHA-256 해시(원문 복원 불가)",
        "HMAC-SHA-256 of name, birth date and district (the file cannot be read back)",
      ),
      processing: online,
      retention: tx("시가 새 명부를 올릴 때까지", "Until the city uploads a new census"),
      recipients: none,
      records: n.censusEntries,
    },
    {
      name: tx("업무 담당자 계정", "Staff accounts"),
      basis: tx("개인정보 보호법 제15조제1항제3호", "PIPA Art. 15(1)3 (statutory duty)"),
      purpose: tx("계획 관리 업무와 공식 답변", "Managing the plan and answering officially"),
      items: tx("이메일, 이름, 역할, 담당 부서", "Email, name, role, departments"),
      processing: online,
      retention: tx("업무 종료(멤버십 해지) 시까지", "Until the membership ends"),
      recipients: none,
      records: n.members,
    },
    {
      name: tx("참여 제한", "Participation blocks"),
      basis,
      purpose: tx("부정 이용 방지", "Preventing abuse"),
      items: tx("계정 식별자, 제한 사유, 일시", "Account id, reason, when"),
      processing: online,
      retention: tx("제한 해제 또는 계정 삭제 시까지", "Until unblocked or the account is deleted"),
      recipients: none,
      records: n.blocked,
    },
  ];
}
