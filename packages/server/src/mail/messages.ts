/**
 * What each queued message says: a subject and a plain-text body, Korean first and English after, built from
 * the outbox row (its kind, link and data). Nothing here reads the database or sends anything.
 */
import { isRole, ROLE_NAMES } from "@citypath/core";
import type { MailKind, OutboxMessage } from "@citypath/db";

export interface MailContent {
  readonly subject: string;
  readonly text: string;
}

const str = (v: unknown, fallback: string) => (typeof v === "string" && v.length > 0 ? v : fallback);

function bilingual(ko: string[], en: string[]): string {
  return [...ko, "", "---", "", ...en, ""].join("\n");
}

const TEMPLATES: Record<MailKind, (m: OutboxMessage) => MailContent> = {
  "password-reset": (m) => ({
    subject: "[Citypath] 비밀번호 재설정 / Reset your password",
    text: bilingual(
      [
        "Citypath 비밀번호 재설정을 요청하셨습니다. 아래 링크에서 새 비밀번호를 정하세요(1시간 동안 유효).",
        m.link,
        "요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.",
      ],
      [
        "Someone asked to reset your Citypath password. Choose a new one at this link (valid for one hour):",
        m.link,
        "If it was not you, ignore this message: your password stays as it is.",
      ],
    ),
  }),
  "account-confirm": (m) => ({
    subject: "[Citypath] 계정 확인 / Confirm your account",
    text: bilingual(
      [
        "Citypath 계정을 만들려면 아래 링크를 여세요(24시간 동안 유효). 그다음 가입할 때 정한 비밀번호로 로그인하세요.",
        m.link,
        "가입하지 않으셨다면 이 메일을 무시하세요. 계정은 만들어지지 않습니다.",
      ],
      [
        "To create your Citypath account, open this link (valid for 24 hours), then sign in with the password you chose:",
        m.link,
        "If you did not sign up, ignore this message: no account is created.",
      ],
    ),
  }),
  "account-exists": (m) => ({
    subject: "[Citypath] 이미 계정이 있습니다 / You already have an account",
    text: bilingual(
      [
        "이 주소로 Citypath 가입 요청이 있었지만, 이 주소에는 이미 계정이 있습니다. 로그인하세요.",
        "비밀번호를 잊으셨다면 여기에서 재설정하세요:",
        m.link,
        "요청하지 않으셨다면 이 메일을 무시하세요. 아무것도 바뀌지 않았습니다.",
      ],
      [
        "Someone asked to sign up to Citypath with this address, which already has an account. Sign in instead.",
        "If you forgot your password, reset it here:",
        m.link,
        "If it was not you, ignore this message: nothing has changed.",
      ],
    ),
  }),
  invitation: (m) => {
    const roleId = str(m.data.role, "");
    const role = isRole(roleId) ? ROLE_NAMES[roleId] : { ko: roleId, en: roleId };
    const tenant = str(m.data.tenant_name, str(m.data.tenant, ""));
    const tenantEn = str(m.data.tenant_name_en, tenant);
    const deps = Array.isArray(m.data.departments) ? (m.data.departments as string[]) : [];
    const depKo = deps.length ? ` (${deps.join(", ")})` : "";
    return {
      subject: `[Citypath] ${tenant} 초대 / Invitation to ${tenantEn}`,
      text: bilingual(
        [
          `${tenant}의 Citypath에 ${role.ko}${depKo}(으)로 초대되었습니다.`,
          "아래 링크에서 초대를 수락하세요(7일 동안 유효). 계정이 없으면 그 자리에서 비밀번호를 정합니다.",
          m.link,
          "초대를 기대하지 않으셨다면 이 메일을 무시하세요.",
        ],
        [
          `You are invited to ${tenantEn} on Citypath as ${role.en}${depKo}.`,
          "Accept at this link (valid for 7 days); without an account you choose a password there.",
          m.link,
          "If you did not expect this, ignore this message.",
        ],
      ),
    };
  },
  "participation-answer": (m) =>
    m.data.follower
      ? {
          subject:
            "[Citypath] 팔로우한 의견에 공식 답변이 등록되었습니다 / An official answer to what you follow",
          text: bilingual(
            [
              "팔로우하신 의견수렴의 의견(제안)에 담당 부서의 공식 답변이 등록되었습니다. 아래 링크에서 확인하세요.",
              m.link,
              "이 메일은 선택 동의(팔로우 소식 메일)에 따라 보냅니다. '내 정보'에서 언제든 철회할 수 있습니다.",
            ],
            [
              "The responsible department has answered a contribution you follow officially. Read the answer here:",
              m.link,
              "You get this mail with your optional consent to mail about what you follow; withdraw it any time under 'My data'.",
            ],
          ),
        }
      : {
          subject: "[Citypath] 의견에 공식 답변이 등록되었습니다 / Your contribution has an official answer",
          text: bilingual(
            [
              "참여하신 의견(제안)에 담당 부서의 공식 답변이 등록되었습니다. 아래 링크에서 확인하세요.",
              m.link,
            ],
            [
              "The responsible department has answered your contribution officially. Read the answer here:",
              m.link,
            ],
          ),
        },
  "participation-action-status": (m) => ({
    subject: "[Citypath] 답변과 연결된 과제의 상태가 바뀌었습니다 / An action linked to an answer changed",
    text: bilingual(
      [
        m.data.follower
          ? "팔로우하신 의견의 공식 답변에 연결된 과제의 추진 상태가 바뀌었습니다. 아래 링크에서 확인하세요."
          : "공식 답변에 연결된 과제의 추진 상태가 바뀌었습니다. 아래 링크에서 확인하세요.",
        m.link,
      ],
      [
        m.data.follower
          ? "The status of an action linked to the official answer to a contribution you follow has changed:"
          : "The status of an action linked to the official answer to your contribution has changed:",
        m.link,
      ],
    ),
  }),
  "participation-moderation": (m) => ({
    subject: "[Citypath] 의견이 운영자에 의해 숨겨졌습니다 / A moderator hid your contribution",
    text: bilingual(
      [
        "운영자가 참여하신 의견을 숨겼습니다. 사람의 재검토를 요청하려면 이 메일에 답하거나 아래 링크에서 시청에 문의하세요.",
        m.link,
      ],
      [
        "A moderator hid your contribution. To ask for a review by a person, reply or contact the city from this page:",
        m.link,
      ],
    ),
  }),
  "inactivity-warning": (m) => {
    const days = str(m.data.days_before, "");
    const date = str(m.data.delete_on, "");
    return {
      subject: "[Citypath] 장기 미사용 계정 삭제 예정 안내 / Your inactive account will be deleted",
      text: bilingual(
        [
          `1년 동안 사용하지 않은 Citypath 계정은 삭제됩니다. 이 계정은 ${date}에 삭제될 예정입니다(${days}일 전 안내).`,
          "계정을 유지하려면 그 전에 로그인하세요. 삭제 후 남긴 의견은 '탈퇴한 계정'으로 표시됩니다.",
          m.link,
        ],
        [
          `Citypath accounts unused for a year are deleted. This one will be deleted on ${date} (notice ${days} days before).`,
          "Sign in before then to keep it. After deletion your contributions show as 'deleted account'.",
          m.link,
        ],
      ),
    };
  },
  "agenda-reminder": (m) => ({
    subject: `[Citypath] ${str(m.data.subject_ko, "의제 알림")} / ${str(m.data.subject_en, "Agenda reminders")}`,
    text: bilingual(
      [
        "담당 부서의 확인할 항목입니다 (이번 주기의 알림, 한 번만 보냅니다).",
        str(m.data.body_ko, ""),
        "내 업무에서 각 항목을 고치는 양식을 열 수 있습니다:",
        m.link,
      ],
      [
        "Items for your department to check (this period's reminders, sent once).",
        str(m.data.body_en, ""),
        "My work links each to the form that resolves it:",
        m.link.replace("/ko/", "/en/"),
      ],
    ),
  }),
};

export function renderMail(m: OutboxMessage): MailContent {
  return TEMPLATES[m.kind](m);
}
