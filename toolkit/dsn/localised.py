"""Delivery failures stated in Chinese, Japanese, Korean and Russian: the words of the notices
mail systems there send, for the rules that read a notice's own text (kinds.py, formats/plaintext.py).

Each alternative is the usual term for a returned or undeliverable message in that language, not
one provider's sentence:
- Chinese: 退信 ("returned letter", the word QQ Mail, Tencent Exmail and Coremail use for a bounce, in
  their subjects "系统退信" and help pages), 被退回 (was returned), 无法投递/无法送达 (cannot be delivered),
  投递失败/发送失败 (delivery failed), 收件人/邮箱不存在 (recipient/mailbox does not exist); and the
  traditional forms.
- Japanese: 配信不能 (the subject prefix of Exchange's Japanese NDRs), 配信できませんでした /
  配信されませんでした / 送信できませんでした (could not be / was not delivered), 宛先不明 (unknown address).
- Korean: 배달 못 함 (the subject prefix of Exchange's Korean NDRs), 배달되지 않았습니다 / 전달되지
  않았습니다 (was not delivered), 전송 실패 / 배달 실패 (delivery failed), 반송 (returned).
- Russian: Не доставлено (the subject prefix of Exchange's Russian NDRs), не удалось доставить
  (could not deliver), не может быть доставлено, недоставленное (undelivered).

Lower-case, for re.I patterns and for ``caseless`` ones (which lower-case the pattern).
"""
from __future__ import annotations

LOCALISED_FAILURE = (
    r"退信|被退回|无法投递|無法投遞|无法送达|無法送達|投递失败|投遞失敗|发送失败|發送失敗|傳送失敗|"
    r"(收件人|邮箱|郵箱|信箱|收件人邮箱)不存在|"
    r"配信不能|配信できません|配信されませんでした|送信できませんでした|宛先不明|"
    r"배달 ?못 ?함|배달되지 않았|전달되지 않았|전송 ?실패|배달 ?실패|반송|"
    r"не (было )?доставлено|не удалось доставить|не может быть доставлено|невозможно доставить|недоставленн"
)

# "Recipient" as these notices label the address that failed: 收件人 (Chinese), 宛先 / 受信者 (Japanese),
# 받는 사람 / 수신자 (Korean), получатель / адресат (Russian).
RECIPIENT_LABELS = r"收件人|收信人|宛先|受信者|받는 ?사람|수신자|получател[ья]|адресат"
