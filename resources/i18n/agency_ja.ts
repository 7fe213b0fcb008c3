<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>AgeNote</name>
    <message>
        <source>Choose the customer to see their age on the application date.</source>
        <translation>お客様を選ぶと、申込日時点の年齢を表示します。</translation>
    </message>
    <message>
        <source>Enter the application date to judge the customer's age.</source>
        <translation>申込日を入力すると、年齢を判定します。</translation>
    </message>
    <message>
        <source>{age} on the application date: an elderly-customer record is needed (from {threshold}).</source>
        <translation>申込日時点で{age}歳：高齢者対応記録が必要です（{threshold}歳以上が対象）。</translation>
    </message>
    <message>
        <source>{strict} or older: a face-to-face sale also needs a phone check by another staff member.</source>
        <translation>{strict}歳以上のため、対面募集でも販売者以外の担当者による電話確認が必要です。</translation>
    </message>
</context>
<context>
    <name>AnswerTableModel</name>
    <message>
        <source>Date</source>
        <translation>回答日</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>推奨度</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>満足度</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>声</translation>
    </message>
    <message>
        <source>Voice: {summary}</source>
        <translation>声: {summary}</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Customer voices</source>
        <translation>お客様の声</translation>
    </message>
</context>
<context>
    <name>AttendeesDialog</name>
    <message>
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>Who attended (Space ticks)</source>
        <translation>出席した人（スペースキーでチェック）</translation>
    </message>
</context>
<context>
    <name>BranchChoice</name>
    <message>
        <source>All branches</source>
        <translation>全拠点</translation>
    </message>
    <message>
        <source>&amp;Branch</source>
        <translation>拠点(&amp;B)</translation>
    </message>
</context>
<context>
    <name>CallbackMadeDialog</name>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>{when} call-back</source>
        <translation>{when} 折り返し</translation>
    </message>
    <message>
        <source>{when} call-back by {who}</source>
        <translation>{when} {who}さんが折り返し</translation>
    </message>
    <message>
        <source>Call-back made</source>
        <translation>折り返し済にする</translation>
    </message>
    <message>
        <source>What was said (optional)</source>
        <translation>お客様と話した内容（任意）</translation>
    </message>
    <message>
        <source>&amp;Note of the call (optional)</source>
        <translation>話した内容（任意）(&amp;N)</translation>
    </message>
    <message>
        <source>Enter confirms, Shift+Enter starts a new line, Esc cancels.</source>
        <translation>Enter で確定、Shift+Enter で改行、Esc で取り消します。</translation>
    </message>
    <message>
        <source>Set to &amp;in progress</source>
        <translation>対応中にする(&amp;I)</translation>
    </message>
    <message>
        <source>Mark as made (Enter)</source>
        <translation>折り返し済にする (Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
    <message>
        <source>Too long: {count} characters (max {max}).</source>
        <translation>長すぎます（{count} 文字。{max} 文字までです）。</translation>
    </message>
    <message>
        <source>Someone else changed this record a moment ago. Check the promise above, then press Enter again.</source>
        <translation>この記録は少し前にほかの人が変更しました。上の約束を確かめてから、もう一度 Enter を押してください。</translation>
    </message>
</context>
<context>
    <name>CallbackMadeFlow</name>
    <message>
        <source>Marked the call-back as made ({subject}).</source>
        <translation>折り返し済にしました（{subject}）。</translation>
    </message>
    <message>
        <source>Marked the call-back as made.</source>
        <translation>折り返し済にしました。</translation>
    </message>
    <message>
        <source>Too late to undo: a call-back can be undone for {seconds} seconds after it is marked. Its history shows what was written.</source>
        <translation>元に戻せる時間を過ぎました（折り返し済にしてから {seconds} 秒までです）。書き込んだ内容は変更履歴で確認できます。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>元に戻す操作はありません。</translation>
    </message>
    <message>
        <source>Not undone: the record was changed after the call-back was marked made. Check it and change it by hand if needed.</source>
        <translation>元に戻せませんでした。折り返し済にした後でこの記録が変更されています。内容を確認し、必要なら手で直してください。</translation>
    </message>
    <message>
        <source>Undone: the call-back is open again.</source>
        <translation>元に戻しました。折り返しは未済に戻りました。</translation>
    </message>
</context>
<context>
    <name>CallbacksDialog</name>
    <message>
        <source>Call-backs due {day}</source>
        <translation>{day} までの折り返し</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>自分の分だけ</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>要旨</translation>
    </message>
    <message>
        <source>Call-back by</source>
        <translation>折り返し担当</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>No promised call-backs are due.</source>
        <translation>期限の来た折り返しの約束はありません。</translation>
    </message>
    <message>
        <source>Enter or double-click opens the voice or case.</source>
        <translation>Enter キーまたはダブルクリックで声・案件を開きます。</translation>
    </message>
    <message>
        <source>Mark as made… (Ctrl+R)</source>
        <translation>折り返し済にする… (Ctrl+R)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>[Case] {title}</source>
        <translation>［案件］{title}</translation>
    </message>
    <message>
        <source>{time} (missed)</source>
        <translation>{time}（過ぎています）</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>（匿名）</translation>
    </message>
    <message>
        <source>{count} call-backs</source>
        <translation>{count} 件</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>Call-back made</source>
        <translation>折り返し済</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Mark call-back as made…</source>
        <translation>折り返し済にする…</translation>
    </message>
    <message>
        <source>Open the voice</source>
        <translation>元の声を開く</translation>
    </message>
    <message>
        <source>Open the customer</source>
        <translation>お客様を開く</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>対応中にする</translation>
    </message>
    <message>
        <source>Done…</source>
        <translation>完了…</translation>
    </message>
    <message>
        <source>Close without action…</source>
        <translation>見送り…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>再開…</translation>
    </message>
    <message>
        <source>{date}  — Overdue</source>
        <translation>{date}　— 期限超過</translation>
    </message>
    <message>
        <source>Checklist ({done}/{total} done) — Space ticks a step</source>
        <translation>チェックリスト（{done}/{total} 完了）— スペースキーでチェック</translation>
    </message>
    <message>
        <source>Checklist ({done}/{total} done)</source>
        <translation>チェックリスト（{done}/{total} 完了）</translation>
    </message>
    <message>
        <source>(done {when}, {who})</source>
        <translation>（{when} {who} 完了）</translation>
    </message>
    <message>
        <source>(reopened {count} times)</source>
        <translation>（再開 {count} 回）</translation>
    </message>
</context>
<context>
    <name>CaseFormDialog</name>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回入力途中だった内容を復元しました。</translation>
    </message>
    <message>
        <source>Edit case</source>
        <translation>対応案件の編集</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>対応案件の新規登録</translation>
    </message>
    <message>
        <source>Required: what is to be done, in one line</source>
        <translation>必須：対応する内容を一行で</translation>
    </message>
    <message>
        <source>Details (Tab moves to the next field)</source>
        <translation>詳しい内容（Tab キーで次の項目へ移ります）</translation>
    </message>
    <message>
        <source>From the voice: {summary}</source>
        <translation>元の声：{summary}</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。印の付いた項目を修正してください。</translation>
    </message>
</context>
<context>
    <name>CaseHistory</name>
    <message>
        <source>Step “{step}”: {field}</source>
        <translation>チェック項目「{step}」: {field}</translation>
    </message>
</context>
<context>
    <name>CaseStatusDialog</name>
    <message>
        <source>Mark the case as done</source>
        <translation>案件を完了にする</translation>
    </message>
    <message>
        <source>Close the case without action</source>
        <translation>案件を見送りにする</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>案件を再開する</translation>
    </message>
    <message>
        <source>Case: {title}</source>
        <translation>案件：{title}</translation>
    </message>
    <message>
        <source>Open checklist steps</source>
        <translation>未完了のチェック項目</translation>
    </message>
    <message>
        <source>Open steps (Space ticks; saved with the completion)</source>
        <translation>未完了の項目（Space で済）</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Past the due date and not yet closed</source>
        <translation>期限を過ぎていて、まだ完了していません</translation>
    </message>
    <message>
        <source>{date} Overdue</source>
        <translation>{date} 超過</translation>
    </message>
</context>
<context>
    <name>CaseTexts</name>
    <message>
        <source>Renewal</source>
        <translation>満期更改</translation>
    </message>
    <message>
        <source>Address change</source>
        <translation>住所変更</translation>
    </message>
    <message>
        <source>Name change</source>
        <translation>名義変更</translation>
    </message>
    <message>
        <source>Vehicle change</source>
        <translation>車両入替</translation>
    </message>
    <message>
        <source>Other change</source>
        <translation>その他の変更</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>解約</translation>
    </message>
    <message>
        <source>Claim (accident)</source>
        <translation>事故（保険金請求）</translation>
    </message>
    <message>
        <source>Document request</source>
        <translation>資料請求</translation>
    </message>
    <message>
        <source>After-care call</source>
        <translation>アフターフォロー</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>From voice</source>
        <translation>元の声</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>受付日</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>チェック項目</translation>
    </message>
    <message>
        <source>Ticked at</source>
        <translation>完了日時</translation>
    </message>
    <message>
        <source>Ticked by</source>
        <translation>完了者</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>These checklist steps are not done yet:
{steps}</source>
        <translation>次のチェック項目がまだ完了していません：
{steps}</translation>
    </message>
    <message>
        <source>The due date is before the opening date.</source>
        <translation>期限が受付日より前になっています。</translation>
    </message>
    <message>
        <source>The call-back time is before the opening date.</source>
        <translation>折り返し日時が受付日より前になっています。</translation>
    </message>
    <message>
        <source>The last checklist step was done on {date}: the completion date cannot be earlier.</source>
        <translation>最後のチェック項目は {date} に完了しています。完了日をそれより前にはできません。</translation>
    </message>
    <message>
        <source>The opening date is after the completion date.</source>
        <translation>受付日が完了日より後になっています。</translation>
    </message>
    <message>
        <source>The case type cannot be changed once the case is saved.</source>
        <translation>登録済みの案件の種類は変更できません。</translation>
    </message>
    <message>
        <source>This case is closed. Reopen it to change its checklist.</source>
        <translation>この案件は完了・見送り済みです。チェックリストを変更するには案件を再開してください。</translation>
    </message>
    <message>
        <source>Add at least one step.</source>
        <translation>項目を1つ以上追加してください。</translation>
    </message>
    <message>
        <source>Step {index} is empty.</source>
        <translation>{index}番目の項目が空です。</translation>
    </message>
    <message>
        <source>Step {index} repeats “{label}”.</source>
        <translation>{index}番目の項目「{label}」が重複しています。</translation>
    </message>
    <message>
        <source>Step {index} is too long (max {max} characters).</source>
        <translation>{index}番目の項目が長すぎます（{max}文字以内）。</translation>
    </message>
    <message>
        <source>Too many steps (max {max}).</source>
        <translation>項目が多すぎます（{max}項目まで）。</translation>
    </message>
    <message>
        <source>Only a manager can change checklist templates.</source>
        <translation>チェックリストのひな形を変更できるのは管理者だけです。</translation>
    </message>
    <message>
        <source>Someone else changed this case while you were editing it. Nothing was saved yet: their changes are now shown together with yours. Please check and save again.</source>
        <translation>編集中に他の人がこの案件を変更しました。まだ保存していません。相手の変更とあなたの入力を合わせて表示しています。内容を確認して、もう一度保存してください。</translation>
    </message>
    <message>
        <source>Someone else changed this case a moment ago. The latest content is shown now; please check it and try again.</source>
        <translation>たった今、他の人がこの案件を変更しました。最新の内容を表示しています。確認してから、もう一度操作してください。</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Open</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Done / closed</source>
        <translation>完了・見送り</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>自分の担当のみ</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>期限超過のみ</translation>
    </message>
    <message>
        <source>Search title, details or customer</source>
        <translation>件名・内容・お客様名で検索</translation>
    </message>
    <message>
        <source>New case (Ctrl+N)</source>
        <translation>新規案件 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Checklist templates…</source>
        <translation>チェックリストのひな形…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>No cases match.</source>
        <translation>該当する案件はありません</translation>
    </message>
    <message>
        <source>{count} cases</source>
        <translation>{count}件</translation>
    </message>
    <message>
        <source>Saved. The case is shown on the right; the filters set now do not list it.</source>
        <translation>保存しました。今の絞り込みでは一覧に出ないため、右側に表示しています。</translation>
    </message>
</context>
<context>
    <name>ChecklistPreview</name>
    <message>
        <source>Checklist of this case</source>
        <translation>この案件のチェックリスト</translation>
    </message>
    <message>
        <source>Checklist (copied to the case when saved)</source>
        <translation>チェックリスト（保存時にこの案件へコピーされます）</translation>
    </message>
    <message>
        <source>Choose a case type.</source>
        <translation>種類を選んでください。</translation>
    </message>
</context>
<context>
    <name>ChecklistTemplateDialog</name>
    <message>
        <source>Checklist templates</source>
        <translation>チェックリストのひな形</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Changes apply to cases opened from now on; cases already opened keep their checklist.</source>
        <translation>変更はこれから登録する案件に適用されます。登録済みの案件のチェックリストは変わりません。</translation>
    </message>
    <message>
        <source>Only a manager can change checklist templates. You can read them here.</source>
        <translation>チェックリストのひな形を変更できるのは管理者だけです。ここでは内容を確認できます。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>チェック項目</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>項目を追加</translation>
    </message>
    <message>
        <source>Rename (F2)</source>
        <translation>名前を変更 (F2)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Back to the default</source>
        <translation>既定に戻す</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>New step</source>
        <translation>新しい項目</translation>
    </message>
    <message>
        <source>Saved. New cases of this type get these steps.</source>
        <translation>保存しました。この種類の新しい案件にはこの項目が使われます。</translation>
    </message>
</context>
<context>
    <name>CirculationDialog</name>
    <message>
        <source>Monthly circulation</source>
        <translation>回覧</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Issue the circulation</source>
        <translation>回覧を発行(&amp;I)</translation>
    </message>
    <message>
        <source>I have &amp;read it</source>
        <translation>読みました(&amp;R)</translation>
    </message>
    <message>
        <source>Print preview… (Ctrl+P)</source>
        <translation>印刷プレビュー… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF… (Ctrl+Shift+P)</source>
        <translation>PDFに保存… (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>{month}/{year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Voices of {month}: {count}</source>
        <translation>{month}の声: {count}件</translation>
    </message>
    <message>
        <source>Not issued yet.</source>
        <translation>まだ発行されていません。</translation>
    </message>
    <message>
        <source>Issue it when the month's voices are in.</source>
        <translation>その月の声がそろったら発行してください。</translation>
    </message>
    <message>
        <source>A manager issues it; then everyone confirms reading it here.</source>
        <translation>管理者が発行します。発行後、各自ここで「読みました」を押してください。</translation>
    </message>
    <message>
        <source>Issued on {date} by {name}.</source>
        <translation>{date} {name} 発行</translation>
    </message>
    <message>
        <source>Only a manager can issue the circulation.</source>
        <translation>回覧を発行できるのは管理者だけです。</translation>
    </message>
    <message>
        <source>Read on {when}</source>
        <translation>{when} 既読</translation>
    </message>
    <message>
        <source>Readers: shown once issued</source>
        <translation>既読の状況: 発行後に表示します</translation>
    </message>
    <message>
        <source>Not read yet: {unread} of {total}</source>
        <translation>未読: {total}名中 {unread}名</translation>
    </message>
    <message>
        <source>{name}{team}: not read</source>
        <translation>{name}{team}　未読</translation>
    </message>
    <message>
        <source>{name}{team}: read {when}</source>
        <translation>{name}{team}　{when} 既読</translation>
    </message>
    <message>
        <source>Save the circulation as PDF</source>
        <translation>回覧をPDFに保存</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as PDF ({pages} pages): {path}</source>
        <translation>PDFに保存しました（{pages}ページ）: {path}</translation>
    </message>
</context>
<context>
    <name>CirculationVoices</name>
    <message>
        <source>Received</source>
        <translation>受付日時</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>要旨</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
</context>
<context>
    <name>ColumnWidths</name>
    <message>
        <source>Reset column widths</source>
        <translation>列幅を元に戻す</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>&amp;Open only</source>
        <translation>未処理のみ(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;All</source>
        <translation>すべて(&amp;A)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>採用された値</translation>
    </message>
    <message>
        <source>Kept (office / by / when)</source>
        <translation>採用（拠点 / 変更者 / 日時）</translation>
    </message>
    <message>
        <source>Value not kept</source>
        <translation>採用されなかった値</translation>
    </message>
    <message>
        <source>Not kept (office / by / when)</source>
        <translation>不採用（拠点 / 変更者 / 日時）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Only a manager at head office confirms or reverses a conflict, where every office's changes meet. Here the list is for reading.</source>
        <translation>競合の確認と元に戻す操作は、すべての拠点の変更が集まる本部の管理者が行います。ここでは一覧を見ることだけができます。</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>確認(&amp;C)</translation>
    </message>
    <message>
        <source>Keep the value kept; the pair leaves the open list.</source>
        <translation>採用された値のままにします。この競合は未処理の一覧から外れます。</translation>
    </message>
    <message>
        <source>&amp;Reverse…</source>
        <translation>元に戻す…(&amp;R)</translation>
    </message>
    <message>
        <source>Write the value not kept again, as a change of this office.</source>
        <translation>採用されなかった値を、この拠点の変更として書き戻します。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Open: {count}</source>
        <translation>未処理 {count} 件</translation>
    </message>
    <message>
        <source>Voice {when} {summary}</source>
        <translation>声 {when} {summary}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空欄）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未処理</translation>
    </message>
    <message>
        <source>Reversed
{who} {when}</source>
        <translation>元に戻した
{who} {when}</translation>
    </message>
    <message>
        <source>Confirmed
{who} {when}</source>
        <translation>確認済み
{who} {when}</translation>
    </message>
    <message>
        <source>No conflicts waiting. When two offices change the same field before seeing each other's change, the pair is listed here.</source>
        <translation>未処理の競合はありません。二つの拠点が、互いの変更を受け取る前に同じ項目を変更すると、ここに表示されます。</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>競合はありません。</translation>
    </message>
    <message>
        <source>{record} — {field}
Kept: {kept}  ({kept_by})
Not kept: {lost}  ({lost_by})</source>
        <translation>{record} — {field}
採用: {kept}（{kept_by}）
不採用: {lost}（{lost_by}）</translation>
    </message>
    <message>
        <source>Confirmed: {field} of {record} keeps {value}.</source>
        <translation>確認しました: {record} の{field}は {value} のままです。</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Put {field} of {record} back to
「{lost}」?

The value now, 「{kept}」, stays in the record's history. The change goes to the other offices with the next file.</source>
        <translation>{record} の{field}を
「{lost}」
に戻しますか？

今の値「{kept}」は変更履歴に残ります。この変更は次の送信ファイルで他の拠点にも届きます。</translation>
    </message>
    <message>
        <source>&amp;Reverse</source>
        <translation>元に戻す(&amp;R)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Reversed: {field} of {record} is {value} again.</source>
        <translation>元に戻しました: {record} の{field}は {value} になりました。</translation>
    </message>
</context>
<context>
    <name>CountsPage</name>
    <message>
        <source>FY{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全拠点</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期間(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Branch</source>
        <translation>拠点(&amp;B)</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start}〜{end}</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>集計しています…</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Program error</source>
        <translation>プログラムのエラー</translation>
    </message>
    <message>
        <source>An error in the program stopped what you were doing.</source>
        <translation>プログラムの不具合で、操作が完了しませんでした。</translation>
    </message>
    <message>
        <source>Everything already saved is safe. What you were typing in open forms has been kept as a draft; it comes back when you open the form again.</source>
        <translation>保存済みのデータは失われていません。入力中の内容は下書きとして残してあり、次にその画面を開くと元に戻ります。</translation>
    </message>
    <message>
        <source>The app has to close. Please start it again.</source>
        <translation>アプリを終了します。お手数ですが、もう一度起動してください。</translation>
    </message>
    <message>
        <source>You can go on working. If the same error keeps coming back, close the app and start it again.</source>
        <translation>このまま作業を続けられます。同じエラーが何度も出るときは、アプリを終了してから起動し直してください。</translation>
    </message>
    <message>
        <source>The details were written to the log file:</source>
        <translation>エラーの詳しい記録はログファイルに残しました:</translation>
    </message>
    <message>
        <source>If you contact support, press "Copy details" and paste them into your e-mail.</source>
        <translation>お問い合わせの際は「詳細をコピー」を押して、メールなどに貼り付けてください。</translation>
    </message>
    <message>
        <source>Error: {summary}</source>
        <translation>エラーの内容: {summary}</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>ログのフォルダーを開く</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>コピーしました。</translation>
    </message>
    <message>
        <source>Errors since this one: {count}. All are in the log.</source>
        <translation>このあと、さらに {count} 件のエラーが起きました（すべてログに記録しています）。</translation>
    </message>
</context>
<context>
    <name>CustomerDetail</name>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>記録日</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Relative</source>
        <translation>親族・理由</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Obtained by</source>
        <translation>取得方法</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>種目</translation>
    </message>
    <message>
        <source>Register relative contact</source>
        <translation>親族連絡先を登録</translation>
    </message>
    <message>
        <source>Choose a customer from the list.</source>
        <translation>一覧からお客様を選んでください。</translation>
    </message>
    <message>
        <source>Voices, cases and elderly sales</source>
        <translation>お客様の声・案件・高齢者販売</translation>
    </message>
    <message>
        <source>Relative contacts</source>
        <translation>親族連絡先</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>お客様の声</translation>
    </message>
    <message>
        <source>due {date}</source>
        <translation>期限 {date}</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Steps open</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Elderly sale</source>
        <translation>高齢者販売</translation>
    </message>
</context>
<context>
    <name>CustomerFields</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>生年月日</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話番号</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>郵便番号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住所</translation>
    </message>
    <message>
        <source>Products held</source>
        <translation>保有種目</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>種目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Relative's name</source>
        <translation>親族の氏名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>続柄</translation>
    </message>
    <message>
        <source>Obtained by</source>
        <translation>取得方法</translation>
    </message>
    <message>
        <source>Reason for declining</source>
        <translation>辞退の理由</translation>
    </message>
    <message>
        <source>Recorded on</source>
        <translation>記録日</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>記録者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
</context>
<context>
    <name>CustomerFormDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>お客様情報の編集</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>お客様の新規登録</translation>
    </message>
    <message>
        <source>Required, e.g. 山田 太郎</source>
        <translation>必須（例: 山田 太郎）</translation>
    </message>
    <message>
        <source>In kana, e.g. ヤマダ タロウ</source>
        <translation>カナで入力（例: ヤマダ タロウ）</translation>
    </message>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回入力途中だった内容を復元しました。</translation>
    </message>
    <message>
        <source>e.g. S31.2.29 / 1956/2/29</source>
        <translation>例: S31.2.29 / 1956/2/29</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。印の付いた項目を修正してください。</translation>
    </message>
    <message>
        <source>Someone else changed this customer while you were editing it. Nothing was saved yet: their changes are now shown together with yours. Please check and save again.</source>
        <translation>編集中に他の人がこのお客様情報を変更しました。まだ保存していません。他の人の変更とあなたの入力を合わせて表示していますので、確認してからもう一度保存してください。</translation>
    </message>
</context>
<context>
    <name>CustomerMessages</name>
    <message>
        <source>Enter the reading in kana (hiragana or katakana).</source>
        <translation>フリガナはひらがなかカタカナで入力してください。</translation>
    </message>
    <message>
        <source>The date of birth is in the future.</source>
        <translation>生年月日が未来の日付になっています。</translation>
    </message>
    <message>
        <source>The date of birth is more than {max} years ago. Please check the year.</source>
        <translation>生年月日が{max}年以上前になっています。年を確認してください。</translation>
    </message>
    <message>
        <source>Enter a phone number of 10 or 11 digits starting with 0, like 090-1234-5678.</source>
        <translation>電話番号は0から始まる10桁または11桁で入力してください（例: 090-1234-5678）。</translation>
    </message>
    <message>
        <source>Enter a postal code of 7 digits, like 123-4567.</source>
        <translation>郵便番号は7桁で入力してください（例: 123-4567）。</translation>
    </message>
    <message>
        <source>This customer has an elderly-customer record with a sale on {date}: the date of birth cannot be later.</source>
        <translation>このお客様には申込日 {date} の高齢者対応記録があります。生年月日をそれより後の日付にはできません。</translation>
    </message>
    <message>
        <source>With this date of birth the customer was not elderly at the sale of {date}, which has an elderly-customer record. Check the date, or ask a manager.</source>
        <translation>この生年月日では、高齢者対応記録のある {date} の申込時点で高齢者に当たりません。日付を確認するか、管理者に相談してください。</translation>
    </message>
    <message>
        <source>This customer has elderly-customer records, which are judged by the age: the date of birth cannot be removed.</source>
        <translation>このお客様には年齢で判定する高齢者対応記録があるため、生年月日を空にはできません。</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>未来の日付になっています。</translation>
    </message>
    <message>
        <source>Choose a customer from the list.</source>
        <translation>お客様を一覧から選んでください。</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Name, kana or phone number</source>
        <translation>氏名・フリガナ・電話番号で検索</translation>
    </message>
    <message>
        <source>Unlink the customer (Delete)</source>
        <translation>お客様とのリンクを外す（Delete）</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>リンク中</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>リンクなし</translation>
    </message>
    <message>
        <source>Link removed</source>
        <translation>リンクを外しました</translation>
    </message>
    <message>
        <source>Linked — Delete to unlink</source>
        <translation>リンク中です。変えるには Delete で外してください</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>フリガナ</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>保有種目</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>市区町村・町名</translation>
    </message>
</context>
<context>
    <name>CustomerTexts</name>
    <message>
        <source>{age} yrs</source>
        <translation>{age}歳</translation>
    </message>
    <message>
        <source>Elderly customer</source>
        <translation>高齢のお客様</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Search by name, kana or phone number (Ctrl+F)</source>
        <translation>氏名・フリガナ・電話番号で検索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新規 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Edit (Enter)</source>
        <translation>編集 (Enter)</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>変更履歴…</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>お客様の新規登録</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation>お客様情報を編集…</translation>
    </message>
    <message>
        <source>Register relative contact…</source>
        <translation>親族連絡先を登録…</translation>
    </message>
    <message>
        <source>Erase personal data…</source>
        <translation>個人情報を消去…</translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation>{count}名</translation>
    </message>
    <message>
        <source>(searched by the first {max} characters)</source>
        <translation>（先頭の{max}文字で検索しました）</translation>
    </message>
    <message>
        <source>This customer's form is open. Save or close it first, then erase.</source>
        <translation>このお客様の入力画面が開いています。保存するか閉じてから消去してください。</translation>
    </message>
    <message>
        <source>Only a manager can erase a customer's personal data. Ask a manager, or switch staff (File menu).</source>
        <translation>お客様の個人情報を消去できるのは管理者だけです。管理者に依頼するか、担当者を切り替えてください（ファイルメニュー）。</translation>
    </message>
    <message>
        <source>Personal data erased ({records} records, {rows} history rows, {drafts} drafts).</source>
        <translation>個人情報を消去しました（記録 {records} 件、履歴 {rows} 行、下書き {drafts} 件）。</translation>
    </message>
    <message>
        <source>These draft files could not be removed; check that no other program has them open, then delete them by hand: {files}</source>
        <translation>次の下書きファイルは削除できませんでした。ほかのプログラムが開いていないか確かめて、手で削除してください: {files}</translation>
    </message>
    <message>
        <source>No customers match.</source>
        <translation>該当するお客様はいません</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>All branches</source>
        <translation>全拠点</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>Pa&amp;rt</source>
        <translation>期間(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Branch</source>
        <translation>拠点(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Why this figure…</source>
        <translation>根拠を見る(&amp;W)…</translation>
    </message>
    <message>
        <source>R&amp;esult and comments…</source>
        <translation>実績・コメント(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print preview</source>
        <translation>印刷プレビュー(&amp;P)</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>PDFに保存(&amp;D)…</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>実績</translation>
    </message>
    <message>
        <source>Achievement</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Finalised</source>
        <translation>確定</translation>
    </message>
    <message>
        <source>Earlier years</source>
        <translation>過去の実績</translation>
    </message>
    <message>
        <source>Why this figure…</source>
        <translation>根拠を見る…</translation>
    </message>
    <message>
        <source>Result and comments…</source>
        <translation>実績・コメント…</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>印刷プレビュー</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDFに保存…</translation>
    </message>
    <message>
        <source>FY{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>Building the KPI board…</source>
        <translation>KPIを集計しています…</translation>
    </message>
    <message>
        <source>FY{year} has no KPIs yet: define them on the KPIs tab.</source>
        <translation>{year}年度のKPIはまだありません。「KPIの設定」タブで登録してください。</translation>
    </message>
    <message>
        <source>Principle {number}: {name}</source>
        <translation>原則{number}　{name}</translation>
    </message>
    <message>
        <source>Typed by hand for the whole agency: a branch has no figure of its own.</source>
        <translation>全社の値として手入力した実績です。拠点ごとの値はありません。</translation>
    </message>
    <message>
        <source>{title} — {period}: {value} (target {target}) {achievement}</source>
        <translation>{title}　{period}: {value}（目標 {target}）{achievement}</translation>
    </message>
    <message>
        <source> (draft)</source>
        <translation>（下書き）</translation>
    </message>
    <message>
        <source>[Figures and facts]</source>
        <translation>【数値・事実】</translation>
    </message>
    <message>
        <source>[Evaluation]</source>
        <translation>【評価】</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>算出元: {source}</translation>
    </message>
    <message>
        <source>{period} of {title} is finalised ({final}): to change it, a manager unfreezes the period first.</source>
        <translation>{title}の{period}は確定済みです（{final}）。変更するには、管理者が確定を解除してください。</translation>
    </message>
    <message>
        <source>{title} is a KPI of the whole year: this is its interim figure over the half. Choose the whole year to enter its result and comments.</source>
        <translation>{title}は年度のKPIです。ここに表示しているのは半期までの中間の数値です。実績・コメントは、期間で「通年」を選んで入力してください。</translation>
    </message>
    <message>
        <source>The result and comments of {title} are the agency's: choose all branches to enter them.</source>
        <translation>{title} の実績・コメントは全社のものです。入力するには拠点で「全拠点」を選んでください。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDFに保存</translation>
    </message>
    <message>
        <source>Saved as PDF ({pages} pages): {path}</source>
        <translation>PDFに保存しました（{pages}ページ）: {path}</translation>
    </message>
</context>
<context>
    <name>DrillDownDialog</name>
    <message>
        <source>Why this figure: {title}</source>
        <translation>根拠: {title}</translation>
    </message>
    <message>
        <source>{title} — {period}: {value}</source>
        <translation>{title}　{period}: {value}</translation>
    </message>
    <message>
        <source>Counts: {what}</source>
        <translation>対象: {what}</translation>
    </message>
    <message>
        <source>Reading the records…</source>
        <translation>記録を読み込んでいます…</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>&amp;Open the record</source>
        <translation>記録を開く(&amp;O)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>{count} records are counted.</source>
        <translation>{count}件を数えています。</translation>
    </message>
    <message>
        <source>{numerator} of {denominator} records are counted in the figure.</source>
        <translation>{denominator}件のうち{numerator}件が数値に含まれています。</translation>
    </message>
    <message>
        <source>No records in this period: the result is {no_data}.</source>
        <translation>この期間には対象となる記録がありません（{no_data}）。</translation>
    </message>
    <message>
        <source>The first {shown} are listed.</source>
        <translation>最初の{shown}件を表示しています。</translation>
    </message>
</context>
<context>
    <name>ElderlyFields</name>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Application date</source>
        <translation>申込日</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>種目</translation>
    </message>
    <message>
        <source>Insurer</source>
        <translation>保険会社</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>商品名</translation>
    </message>
    <message>
        <source>Selling agent</source>
        <translation>募集人</translation>
    </message>
    <message>
        <source>Sale by</source>
        <translation>募集方法</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>対応方法</translation>
    </message>
    <message>
        <source>Relative present</source>
        <translation>同席した親族</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>続柄</translation>
    </message>
    <message>
        <source>Meeting dates</source>
        <translation>面談日</translation>
    </message>
    <message>
        <source>Second agent</source>
        <translation>同席した募集人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>確認者</translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation>確認日</translation>
    </message>
    <message>
        <source>Was the public insurance system explained?</source>
        <translation>公的保険制度の説明はありましたか</translation>
    </message>
    <message>
        <source>Was the reason for the proposed product explained?</source>
        <translation>ご提案の理由の説明はありましたか</translation>
    </message>
    <message>
        <source>Customer's comment</source>
        <translation>お客様の感想</translation>
    </message>
    <message>
        <source>What was explained again</source>
        <translation>再説明の内容</translation>
    </message>
    <message>
        <source>Written confirmation on</source>
        <translation>書面確認日</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Rules version</source>
        <translation>ルールの版</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Life: elderly from</source>
        <translation>生保：対象年齢</translation>
    </message>
    <message>
        <source>Non-life: elderly from</source>
        <translation>損保：対象年齢</translation>
    </message>
    <message>
        <source>Group: elderly from</source>
        <translation>団体：対象年齢</translation>
    </message>
    <message>
        <source>Stricter band from</source>
        <translation>厳しい基準の年齢</translation>
    </message>
    <message>
        <source>Order of preference</source>
        <translation>対応方法の優先順</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>適用開始日</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
</context>
<context>
    <name>ElderlyPage</name>
    <message>
        <source>Incomplete only</source>
        <translation>未完了のみ</translation>
    </message>
    <message>
        <source>New record (Ctrl+N)</source>
        <translation>新規登録 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Edit (Enter)</source>
        <translation>編集 (Enter)</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>判定ルール…</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>お客様を開く</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>変更履歴…</translation>
    </message>
    <message>
        <source>Still needed</source>
        <translation>まだ必要なこと</translation>
    </message>
    <message>
        <source>Edit record…</source>
        <translation>記録を編集…</translation>
    </message>
    <message>
        <source>No records match.</source>
        <translation>該当する記録はありません</translation>
    </message>
    <message>
        <source>{count} records, {open} incomplete</source>
        <translation>{count}件（うち未完了 {open}件）</translation>
    </message>
    <message>
        <source>Saved. The record stays "Incomplete" until {count} more items are done.</source>
        <translation>保存しました。残り{count}件の対応が済むまで「未完了」のまま残ります。</translation>
    </message>
    <message>
        <source>Saved. The record is complete.</source>
        <translation>保存しました。この記録は「完了」です。</translation>
    </message>
    <message>
        <source>No record selected.</source>
        <translation>記録が選ばれていません。</translation>
    </message>
    <message>
        <source>Everything needed is recorded.</source>
        <translation>必要な記録はそろっています。</translation>
    </message>
    <message>
        <source>{age} on the application date</source>
        <translation>申込日時点で{age}歳</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年齢</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>未選択</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>第{version}版</translation>
    </message>
</context>
<context>
    <name>ElderlyRulesDialog</name>
    <message>
        <source>Rules for elderly customers</source>
        <translation>高齢者対応の判定ルール</translation>
    </message>
    <message>
        <source>Current rules: version {version}, effective from {date}.</source>
        <translation>現在のルール：第{version}版（{date}から適用）</translation>
    </message>
    <message>
        <source>Saving makes a new version. Records already made keep the rules of their own version; new records use the new one.</source>
        <translation>保存すると新しい版になります。これまでに作成した記録は作成時の版のルールのまま判定され、新しい記録から新しいルールが使われます。</translation>
    </message>
    <message>
        <source> or older</source>
        <translation>歳以上</translation>
    </message>
    <message>
        <source>Use a stricter band (a phone check on top of the measure)</source>
        <translation>より厳しい基準を使う（対応方法に加えて電話確認）</translation>
    </message>
    <message>
        <source>Up (Alt+Up)</source>
        <translation>上へ (Alt+↑)</translation>
    </message>
    <message>
        <source>Down (Alt+Down)</source>
        <translation>下へ (Alt+↓)</translation>
    </message>
    <message>
        <source>Only a manager can change these rules.</source>
        <translation>ルールの変更は管理者のみ行えます。</translation>
    </message>
    <message>
        <source>Save as new version (Ctrl+Enter)</source>
        <translation>新しい版として保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>Versions:</source>
        <translation>これまでの版：</translation>
    </message>
    <message>
        <source>Version {version} (from {date}, by {who}): {order}</source>
        <translation>第{version}版（{date}から、作成：{who}）：{order}</translation>
    </message>
    <message>
        <source>initial settings</source>
        <translation>初期設定</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。印の付いた項目を直してください。</translation>
    </message>
</context>
<context>
    <name>ElderlySaleDialog</name>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回入力途中の内容を復元しました。</translation>
    </message>
    <message>
        <source>Edit elderly-customer record</source>
        <translation>高齢者対応記録の編集</translation>
    </message>
    <message>
        <source>New elderly-customer record</source>
        <translation>高齢者対応記録の新規登録</translation>
    </message>
    <message>
        <source>e.g. 2025/04/01, 2025/04/08</source>
        <translation>例：2025/04/01、2025/04/08</translation>
    </message>
    <message>
        <source>You can save now. Until everything listed is done, the record stays "Incomplete" (due {due}).</source>
        <translation>このまま保存できます。「まだ必要なこと」がすべて済むまで、記録は「未完了」のまま残ります（期限 {due}）。</translation>
    </message>
    <message>
        <source>Everything needed is recorded: saving marks the record "Complete".</source>
        <translation>必要な記録はそろっています。保存すると「完了」になります。</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。印の付いた項目を直してください。</translation>
    </message>
    <message>
        <source>Someone else changed this record while you were editing it. Nothing was saved yet: their changes are now shown together with yours. Please check and save again.</source>
        <translation>編集中に他の人がこの記録を変更しました。まだ保存していません。その変更とあなたの入力を合わせて表示しています。確認してから、もう一度保存してください。</translation>
    </message>
</context>
<context>
    <name>ElderlySalesModel</name>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Application date</source>
        <translation>申込日</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>種目</translation>
    </message>
    <message>
        <source>Age at sale</source>
        <translation>年齢</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>対応方法</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>未選択</translation>
    </message>
</context>
<context>
    <name>ElderlyTexts</name>
    <message>
        <source>Face to face</source>
        <translation>対面</translation>
    </message>
    <message>
        <source>Not face to face</source>
        <translation>非対面</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>未完了</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超過</translation>
    </message>
    <message>
        <source>, </source>
        <translation>・</translation>
    </message>
    <message>
        <source>A phone check by a staff member other than the seller is needed (the customer is {age} or older).</source>
        <translation>販売者以外の担当者による電話確認が必要です（{age}歳以上のため）。</translation>
    </message>
    <message>
        <source>A phone check by a staff member other than the seller is needed (the sale was not face to face).</source>
        <translation>販売者以外の担当者による電話確認が必要です（非対面募集のため）。</translation>
    </message>
    <message>
        <source>A phone check by a staff member other than the seller is needed (no face-to-face measure was possible).</source>
        <translation>販売者以外の担当者による電話確認が必要です（対面での対応ができなかったため）。</translation>
    </message>
    <message>
        <source>Choose the staff member (not the seller) who made the phone check.</source>
        <translation>電話確認をした担当者（販売者以外）を選んでください。</translation>
    </message>
    <message>
        <source>Choose the measure taken for this face-to-face sale (if none was possible, choose phone check).</source>
        <translation>対面募集での対応方法を選んでください（いずれもできなかった場合は電話確認）。</translation>
    </message>
    <message>
        <source>Group insurance: choose phone check or written confirmation.</source>
        <translation>団体保険は、電話確認か書面確認のどちらかを選んでください。</translation>
    </message>
    <message>
        <source>Enter the name of the relative who was present.</source>
        <translation>同席した親族の氏名を入力してください。</translation>
    </message>
    <message>
        <source>Enter how the relative who was present is related to the customer.</source>
        <translation>同席した親族の続柄を入力してください。</translation>
    </message>
    <message>
        <source>Enter the dates of at least two meetings (now {count}).</source>
        <translation>面談日を2回分以上入力してください（現在{count}回）。</translation>
    </message>
    <message>
        <source>Choose the second agent who was present.</source>
        <translation>同席した募集人を選んでください。</translation>
    </message>
    <message>
        <source>Enter why {preferred} was not chosen.</source>
        <translation>{preferred}を選ばなかった理由を入力してください。</translation>
    </message>
    <message>
        <source>Enter why none of {measures} was possible.</source>
        <translation>{measures}のいずれもできなかった理由を入力してください。</translation>
    </message>
    <message>
        <source>Enter the day of the phone check.</source>
        <translation>電話確認をした日を入力してください。</translation>
    </message>
    <message>
        <source>An answer was "No": enter what was explained to the customer again.</source>
        <translation>「いいえ」の回答があったため、改めて説明した内容を入力してください。</translation>
    </message>
    <message>
        <source>Enter the day of the written confirmation.</source>
        <translation>書面確認の日付を入力してください。</translation>
    </message>
    <message>
        <source>Record the customer's answer to "{question}".</source>
        <translation>「{question}」へのお客様の回答を記録してください。</translation>
    </message>
    <message>
        <source>This customer has no date of birth, so the age cannot be judged. Enter the date of birth in the customer record first.</source>
        <translation>このお客様は生年月日が登録されていないため、年齢を判定できません。先にお客様情報に生年月日を登録してください。</translation>
    </message>
    <message>
        <source>The application date is before the date of birth.</source>
        <translation>申込日が生年月日より前になっています。</translation>
    </message>
    <message>
        <source>The customer was {age} on the application date, so no elderly-customer record is needed (from {threshold}).</source>
        <translation>このお客様は申込日時点で{age}歳のため、高齢者対応記録は不要です（対象は{threshold}歳以上）。</translation>
    </message>
    <message>
        <source>The selling agent cannot check their own sale. Choose another staff member.</source>
        <translation>販売した募集人本人は電話確認者になれません。別の担当者を選んでください。</translation>
    </message>
    <message>
        <source>Choose an agent other than the selling agent.</source>
        <translation>販売した募集人本人以外の募集人を選んでください。</translation>
    </message>
    <message>
        <source>A meeting date is after the application date.</source>
        <translation>申込日より後の面談日があります。面談日は申込日以前にしてください。</translation>
    </message>
    <message>
        <source>A meeting date is before the date of birth.</source>
        <translation>生年月日より前の面談日があります。</translation>
    </message>
    <message>
        <source>This measure cannot be used for this kind of sale.</source>
        <translation>この募集方法・種目では選べない対応方法です。</translation>
    </message>
    <message>
        <source>The date is more than {days} days before the application date.</source>
        <translation>申込日の{days}日より前の日付は入力できません。</translation>
    </message>
    <message>
        <source>The due date is before the application date.</source>
        <translation>期限が申込日より前になっています。</translation>
    </message>
    <message>
        <source>Enter an age from {min} to {max}.</source>
        <translation>{min}〜{max}歳の範囲で入力してください。</translation>
    </message>
    <message>
        <source>Must be at least the elderly age ({threshold}).</source>
        <translation>高齢者の対象年齢（{threshold}歳）以上にしてください。</translation>
    </message>
    <message>
        <source>Put all three measures in order.</source>
        <translation>3つの対応方法をすべて並べてください。</translation>
    </message>
    <message>
        <source>The customer of a saved record cannot be changed.</source>
        <translation>保存済みの記録のお客様は変更できません。</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>保存しています…</translation>
    </message>
</context>
<context>
    <name>EraseCustomerDialog</name>
    <message>
        <source>Erase personal data</source>
        <translation>個人情報の消去</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>お客様: {name}</translation>
    </message>
    <message>
        <source>At the customer's request, these are replaced by "erased":
- name, kana, date of birth, phone number, address and notes
- their relatives' contacts
- their name, phone number and address in voices, cases and other records
  (in the change history too)
The erasure itself is recorded: who, when and why. Counts do not change.

This cannot be undone.</source>
        <translation>お客様のご依頼により、次の内容を「削除済み」に置き換えます。
・氏名・フリガナ・生年月日・電話番号・住所・備考
・親族連絡先
・お客様の声・対応案件などの記録の中の氏名・電話番号・住所
　（変更履歴の中の値も置き換えます）
消去したこと（担当者・日時・理由）は履歴に残ります。件数の集計は変わりません。

この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>e.g. Requested by the customer by phone on 2 March</source>
        <translation>例: 3月2日 ご本人より電話で依頼</translation>
    </message>
    <message>
        <source>&amp;Reason (required, recorded in the history)</source>
        <translation>理由（必須・履歴に残ります）(&amp;R)</translation>
    </message>
    <message>
        <source>To confirm, type the customer's &amp;name:</source>
        <translation>確認のため、お客様のお名前を入力してください(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>消去する(&amp;E)</translation>
    </message>
    <message>
        <source>Enter the reason for the erasure: it is recorded in the history.</source>
        <translation>消去の理由を入力してください。理由は履歴に残ります。</translation>
    </message>
    <message>
        <source>The reason can be at most {max} characters.</source>
        <translation>理由は {max} 文字までです。</translation>
    </message>
    <message>
        <source>To confirm, type the customer's name exactly as shown: {name}</source>
        <translation>確認のため、表示されているお名前を入力してください: {name}</translation>
    </message>
    <message>
        <source>Erasing personal data…</source>
        <translation>個人情報を消去しています…</translation>
    </message>
</context>
<context>
    <name>ExcelOut</name>
    <message>
        <source> FY</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全拠点</translation>
    </message>
    <message>
        <source>&amp;Branch</source>
        <translation>拠点(&amp;B)</translation>
    </message>
    <message>
        <source>{text}, branch {branch}</source>
        <translation>{text}、拠点 {branch}</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>出力(&amp;E)…</translation>
    </message>
    <message>
        <source>all insurers</source>
        <translation>全保険会社</translation>
    </message>
    <message>
        <source>Voices report_FY{fy} Q{quarter}_{insurer}</source>
        <translation>お客様の声報告_{fy}年度第{quarter}四半期_{insurer}</translation>
    </message>
    <message>
        <source>_with personal data</source>
        <translation>_個人情報あり</translation>
    </message>
    <message>
        <source>FY{fy} Q{quarter}, {insurer}</source>
        <translation>{fy}年度 第{quarter}四半期・{insurer}</translation>
    </message>
    <message>
        <source>Quarterly report to insurers</source>
        <translation>四半期報告（保険会社向け）</translation>
    </message>
    <message>
        <source>Q1 (April–June)</source>
        <translation>第1四半期（4〜6月）</translation>
    </message>
    <message>
        <source>Q2 (July–September)</source>
        <translation>第2四半期（7〜9月）</translation>
    </message>
    <message>
        <source>Q3 (October–December)</source>
        <translation>第3四半期（10〜12月）</translation>
    </message>
    <message>
        <source>Q4 (January–March)</source>
        <translation>第4四半期（1〜3月）</translation>
    </message>
    <message>
        <source>All insurers</source>
        <translation>全保険会社</translation>
    </message>
    <message>
        <source>Fiscal &amp;year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Quarter</source>
        <translation>四半期(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Insurer</source>
        <translation>保険会社(&amp;I)</translation>
    </message>
    <message>
        <source>KPI publication_FY{fy}</source>
        <translation>KPI公表資料_{fy}年度</translation>
    </message>
    <message>
        <source>KPI publication_FY{first}-{last}</source>
        <translation>KPI公表資料_{first}-{last}年度</translation>
    </message>
    <message>
        <source>FY{fy}, {years} years</source>
        <translation>{fy}年度まで{years}年度分</translation>
    </message>
    <message>
        <source>KPI publication</source>
        <translation>KPI公表資料</translation>
    </message>
    <message>
        <source> years</source>
        <translation>年度分</translation>
    </message>
    <message>
        <source>Last fiscal &amp;year</source>
        <translation>最終年度(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Years side by side</source>
        <translation>何年度分(&amp;N)</translation>
    </message>
    <message>
        <source>Export this list to Excel</source>
        <translation>この一覧をExcelに出力</translation>
    </message>
    <message>
        <source>{list}: every row the list shows, with its current filters.</source>
        <translation>{list}: 画面の一覧を、いまの絞り込みのまま、すべての行を出力します。</translation>
    </message>
    <message>
        <source>Save the Excel workbook</source>
        <translation>Excelファイルの保存</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>Include personal data</source>
        <translation>個人情報を含める</translation>
    </message>
    <message>
        <source>Customer names, phone numbers and addresses will be written to the workbook as they are.
This export is recorded in the history with your name, the date and what was exported.

Include personal data?</source>
        <translation>お客様の氏名・電話番号・住所を、伏せずにファイルに書き出します。
この出力は、出力した人・日時・内容とともに履歴に記録されます。

個人情報を含めて出力しますか？</translation>
    </message>
    <message>
        <source>Include &amp;personal data (names, phone numbers, addresses)</source>
        <translation>個人情報を含める（氏名・電話番号・住所）(&amp;P)</translation>
    </message>
    <message>
        <source>Masked (＊＊＊) unless ticked; the export is recorded.</source>
        <translation>チェックしなければ＊＊＊で伏せて出力します。出力は履歴に記録されます。</translation>
    </message>
    <message>
        <source>Only a manager can export personal data.</source>
        <translation>個人情報を含めた出力は管理者のみできます。</translation>
    </message>
    <message>
        <source>Customer voices</source>
        <translation>お客様の声</translation>
    </message>
    <message>
        <source>Voice list</source>
        <translation>お客様の声一覧</translation>
    </message>
    <message>
        <source>Follow-up cases</source>
        <translation>対応案件</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>対応案件一覧</translation>
    </message>
    <message>
        <source>Elderly customers</source>
        <translation>高齢者対応</translation>
    </message>
    <message>
        <source>Elderly sales list</source>
        <translation>高齢者対応一覧</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Customer list</source>
        <translation>お客様一覧</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Received at</source>
        <translation>受付日時</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>受付者</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>受付方法</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>苦情</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Category item</source>
        <translation>分類（細目）</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Insurer</source>
        <translation>保険会社</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Customer record</source>
        <translation>お客様情報</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>要旨</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>対応内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Call-back at</source>
        <translation>折り返し</translation>
    </message>
    <message>
        <source>Call-back by</source>
        <translation>折り返し担当</translation>
    </message>
    <message>
        <source>Call-back made at</source>
        <translation>折り返し済日時</translation>
    </message>
    <message>
        <source>Call-back made by</source>
        <translation>折り返し対応者</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Completed by</source>
        <translation>完了者</translation>
    </message>
    <message>
        <source>Reason for closing</source>
        <translation>見送り理由</translation>
    </message>
    <message>
        <source>Note on reopening</source>
        <translation>再開メモ</translation>
    </message>
    <message>
        <source>Times reopened</source>
        <translation>再開回数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新規登録</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>ふりがな</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>権限</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Head office</source>
        <translation>本部</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Principle</source>
        <translation>原則</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>項目名</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Decimal places</source>
        <translation>表示桁数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>集計元</translation>
    </message>
    <message>
        <source>Source detail</source>
        <translation>集計の対象</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>並び順</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>実績</translation>
    </message>
    <message>
        <source>Kind of period</source>
        <translation>期間の種類</translation>
    </message>
    <message>
        <source>Period number</source>
        <translation>期間の番号</translation>
    </message>
    <message>
        <source>Figures and facts</source>
        <translation>【数値・事実】</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>【評価】</translation>
    </message>
    <message>
        <source>Finalised figure</source>
        <translation>確定値</translation>
    </message>
    <message>
        <source>Finalised at</source>
        <translation>確定日時</translation>
    </message>
    <message>
        <source>Finalised by</source>
        <translation>確定者</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Search customer, summary, details (Ctrl+F)</source>
        <translation>お客様名・要旨・内容で検索（Ctrl+F）</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>期限超過のみ</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>未完了のみ</translation>
    </message>
    <message>
        <source>Clear conditions</source>
        <translation>条件をクリア</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>全期間</translation>
    </message>
    <message>
        <source>FY{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Staff (received or assigned)</source>
        <translation>受付・担当</translation>
    </message>
    <message>
        <source>(searched by the first {terms} words, {max} characters each)</source>
        <translation>（先頭の{terms}語・各{max}文字までで検索しました）</translation>
    </message>
    <message>
        <source>Whole year</source>
        <translation>通年</translation>
    </message>
    <message>
        <source>First half (Apr–Sep)</source>
        <translation>上期（4〜9月）</translation>
    </message>
    <message>
        <source>Second half (Oct–Mar)</source>
        <translation>下期（10〜3月）</translation>
    </message>
    <message>
        <source>Q1 (Apr–Jun)</source>
        <translation>第1四半期（4〜6月）</translation>
    </message>
    <message>
        <source>Q2 (Jul–Sep)</source>
        <translation>第2四半期（7〜9月）</translation>
    </message>
    <message>
        <source>Q3 (Oct–Dec)</source>
        <translation>第3四半期（10〜12月）</translation>
    </message>
    <message>
        <source>Q4 (Jan–Mar)</source>
        <translation>第4四半期（1〜3月）</translation>
    </message>
    <message>
        <source>Month {month}</source>
        <translation>{month}月</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>件数を数えています…</translation>
    </message>
    <message>
        <source>{count} voices</source>
        <translation>{count} 件</translation>
    </message>
</context>
<context>
    <name>FinaliseDialog</name>
    <message>
        <source>Finalise a period ({year})</source>
        <translation>期間を確定（{year}）</translation>
    </message>
    <message>
        <source>Finalising freezes every result inside the period with today's date and your name. A later change to the records is shown against the finalised figure.</source>
        <translation>確定すると、期間内のすべての実績を本日の日付とお名前で固定します。確定後に記録が変わったときは、確定値と並べて表示します。</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期間(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Finalise (Ctrl+Enter)</source>
        <translation>確定する(&amp;F) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>FormDrafts</name>
    <message>
        <source>an unexpected error</source>
        <translation>予期しないエラー</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Change history</source>
        <translation>変更履歴</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>お客様: {name}</translation>
    </message>
    <message>
        <source>Personal data erased</source>
        <translation>個人情報の消去</translation>
    </message>
    <message>
        <source>Reason: {reason} ({rows} history rows erased)</source>
        <translation>理由: {reason}（履歴 {rows} 行を消去）</translation>
    </message>
    <message>
        <source>Elderly-customer record: {name}, sale on {date}</source>
        <translation>高齢者対応記録: {name}（申込日 {date}）</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Created</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>When</source>
        <translation>日時</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>変更者</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>No</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Voices</source>
        <translation>声</translation>
    </message>
    <message>
        <source>Survey answers</source>
        <translation>アンケート回答</translation>
    </message>
    <message>
        <source>KPI results</source>
        <translation>KPI 実績</translation>
    </message>
    <message>
        <source>Import from Excel: {what}</source>
        <translation>Excel から取り込む: {what}</translation>
    </message>
    <message>
        <source>1. &amp;File</source>
        <translation>1. ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>2. &amp;Columns</source>
        <translation>2. 列の対応(&amp;C)</translation>
    </message>
    <message>
        <source>3. &amp;Values</source>
        <translation>3. 値の対応(&amp;V)</translation>
    </message>
    <message>
        <source>4. &amp;Review (dry run)</source>
        <translation>4. 確認（試行）(&amp;R)</translation>
    </message>
    <message>
        <source>Choose a file: nothing is written until you press Import.</source>
        <translation>ファイルを選んでください。「取り込む」を押すまで何も書き込みません。</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>中止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>取り込む(&amp;I)</translation>
    </message>
    <message>
        <source>Write the rows marked Import (Ctrl+Enter)</source>
        <translation>「取り込む」の行を書き込みます（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>The .xlsx file (type its path and press Enter, or Browse)</source>
        <translation>.xlsx ファイル（場所を入力して Enter、または「参照」）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照…(&amp;B)</translation>
    </message>
    <message>
        <source>Excel file:</source>
        <translation>Excel ファイル:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>シート(&amp;S):</translation>
    </message>
    <message>
        <source>The header row is found even below a title. Check the columns and values on the next steps, and the dry run before importing. Importing the same file again adds nothing.</source>
        <translation>見出しの行は、表題の下にあっても自動で見つけます。次の手順で列と値の対応を確かめ、取り込む前に試行の結果を確認してください。同じファイルをもう一度取り込んでも、重ねて追加されることはありません。</translation>
    </message>
    <message>
        <source>Each column of the sheet as written, and what it is imported as. Choose "Not used" for a column to leave out.</source>
        <translation>シートの列（見出しのまま）と、取り込み先の項目です。取り込まない列は「使わない」を選んでください。</translation>
    </message>
    <message>
        <source>Values the application does not know. Choose what each one means; rows with a value left unchosen cannot be imported.</source>
        <translation>アプリが知らない値です。それぞれの意味を選んでください。選ばないままの値がある行は取り込めません。</translation>
    </message>
    <message>
        <source>Show only rows with &amp;problems or notes</source>
        <translation>問題・注記のある行だけ表示(&amp;P)</translation>
    </message>
    <message>
        <source>Choose the Excel file to import</source>
        <translation>取り込む Excel ファイルを選ぶ</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel ブック (*.xlsx);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose the Excel file to import.</source>
        <translation>取り込む Excel ファイルを選んでください。</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>シートを読んでいます…</translation>
    </message>
    <message>
        <source>Reading was stopped. Press Enter in the file field to read it again.</source>
        <translation>読み込みを中止しました。ファイル欄で Enter を押すと読み直します。</translation>
    </message>
    <message>
        <source>To import: {add}   Already imported: {already}   Skipped: {skip}   Cannot import: {reject}</source>
        <translation>取り込む {add}件 / 取り込み済み {already}件 / 読み飛ばす {skip}件 / 取り込めない {reject}件</translation>
    </message>
    <message>
        <source>Column in the sheet</source>
        <translation>シートの列</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>取り込み先</translation>
    </message>
    <message>
        <source>(no heading)</source>
        <translation>（見出しなし）</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>使わない</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Value in the sheet</source>
        <translation>シートの値</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>対応させる値</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（選んでください）</translation>
    </message>
    <message>
        <source>Every value in the sheet is known: nothing to choose here.</source>
        <translation>シートの値はすべて対応が取れています。ここで選ぶものはありません。</translation>
    </message>
    <message>
        <source>{hidden} more values are not listed (those on the most rows are). A column of free text gives a value per row: check the columns step.</source>
        <translation>ほかに {hidden} 個の値があります（行数の多い値から表示しています）。自由に書かれた列は行ごとに値が異なります。「列の対応」を確かめてください。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>取り込んでいます…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <source>Stopped. Nothing was imported; your choices are kept.</source>
        <translation>中止しました。何も取り込んでいません。選んだ内容はそのまま残っています。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>何も取り込んでいません。</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>取り込みました。</translation>
    </message>
    <message>
        <source>Imported: {added} added, {already} already imported, {skipped} skipped, {rejected} not imported.</source>
        <translation>取り込みました。追加 {added}件 / 取り込み済み {already}件 / 読み飛ばし {skipped}件 / 取り込めない {rejected}件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Nothing was imported; your choices are kept.</source>
        <translation>取り込めませんでした。何も書き込んでいません。選んだ内容はそのまま残っています。</translation>
    </message>
    <message>
        <source>Close without importing?</source>
        <translation>取り込まずに閉じますか？</translation>
    </message>
    <message>
        <source>Close without importing the rows of this dry run? The rows imported before stay imported.</source>
        <translation>この試行の行を取り込まずに閉じますか？ 先に取り込んだ行はそのまま残ります。</translation>
    </message>
    <message>
        <source>Close without importing? Nothing has been imported yet.</source>
        <translation>取り込まずに閉じますか？ まだ何も取り込んでいません。</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>戻る</translation>
    </message>
    <message>
        <source>Blank template</source>
        <translation>取り込み用のひな形</translation>
    </message>
    <message>
        <source>Template for:</source>
        <translation>ひな形の種類:</translation>
    </message>
    <message>
        <source>{what} import template.xlsx</source>
        <translation>{what}_取り込み用ひな形.xlsx</translation>
    </message>
    <message>
        <source>Save the blank template</source>
        <translation>取り込み用のひな形を保存</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>The template could not be saved: {path}</source>
        <translation>ひな形を保存できませんでした: {path}</translation>
    </message>
    <message>
        <source>Saved the blank template: {path}</source>
        <translation>ひな形を保存しました: {path}</translation>
    </message>
</context>
<context>
    <name>ImprovementDetailPanel</name>
    <message>
        <source>Add a voice…</source>
        <translation>声を追加…</translation>
    </message>
    <message>
        <source>Remove the voice (Del)</source>
        <translation>声を外す (Del)</translation>
    </message>
    <message>
        <source>Enter opens the voice on the voice tab.</source>
        <translation>Enter キーで声のタブに開きます。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>Voices answered</source>
        <translation>対象の声</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Mark as reported to the insurer…</source>
        <translation>保険会社へ報告済にする…</translation>
    </message>
    <message>
        <source>Open the voice</source>
        <translation>声を開く</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>対応中にする</translation>
    </message>
    <message>
        <source>Done…</source>
        <translation>完了…</translation>
    </message>
    <message>
        <source>Drop…</source>
        <translation>見送り…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>再開…</translation>
    </message>
    <message>
        <source>Add a voice this improvement answers…</source>
        <translation>この改善の対象に声を追加…</translation>
    </message>
    <message>
        <source>{date}  — Overdue</source>
        <translation>{date}　— 期限超過</translation>
    </message>
    <message>
        <source>Voices answered ({count})</source>
        <translation>対象の声（{count}件）</translation>
    </message>
    <message>
        <source>(reopened {count} times)</source>
        <translation>（再開 {count} 回）</translation>
    </message>
    <message>
        <source>Not reported yet</source>
        <translation>未報告</translation>
    </message>
    <message>
        <source>Remove the voice</source>
        <translation>声を外す</translation>
    </message>
    <message>
        <source>Remove this voice from the improvement?
{voice}</source>
        <translation>この声を改善の対象から外しますか？
{voice}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>外す</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>外さない</translation>
    </message>
</context>
<context>
    <name>ImprovementDialog</name>
    <message>
        <source>Link to an improvement</source>
        <translation>改善に結びつける</translation>
    </message>
    <message>
        <source>An open improvement</source>
        <translation>進行中の改善から選ぶ</translation>
    </message>
    <message>
        <source>A new improvement</source>
        <translation>新しい改善</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Choose an improvement, or make a new one.</source>
        <translation>改善を選ぶか、新しい改善を入力してください。</translation>
    </message>
</context>
<context>
    <name>ImprovementFormDialog</name>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回入力途中だった内容を復元しました。</translation>
    </message>
    <message>
        <source>Edit improvement</source>
        <translation>改善の編集</translation>
    </message>
    <message>
        <source>New improvement</source>
        <translation>改善の新規登録</translation>
    </message>
    <message>
        <source>Required: what is to change, in one line</source>
        <translation>必須：何を改善するかを一行で</translation>
    </message>
    <message>
        <source>Why it happened (Tab moves to the next field)</source>
        <translation>なぜ起きたか（Tab キーで次の項目へ移ります）</translation>
    </message>
    <message>
        <source>What is done so it does not happen again</source>
        <translation>再発しないように何をするか</translation>
    </message>
    <message>
        <source>Answers the voices: {summaries}</source>
        <translation>対象の声：{summaries}</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。印の付いた項目を修正してください。</translation>
    </message>
</context>
<context>
    <name>ImprovementHistory</name>
    <message>
        <source>Voice linked</source>
        <translation>対象の声を追加</translation>
    </message>
    <message>
        <source>Voice removed</source>
        <translation>対象の声を削除</translation>
    </message>
</context>
<context>
    <name>ImprovementStatusDialog</name>
    <message>
        <source>Mark the improvement as done</source>
        <translation>改善を完了にする</translation>
    </message>
    <message>
        <source>Drop the improvement</source>
        <translation>改善を見送る</translation>
    </message>
    <message>
        <source>Reopen the improvement</source>
        <translation>改善を再開する</translation>
    </message>
    <message>
        <source>Improvement: {title}</source>
        <translation>改善：{title}</translation>
    </message>
</context>
<context>
    <name>ImprovementTableModel</name>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Voices</source>
        <translation>声</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>報告済</translation>
    </message>
    <message>
        <source>{date} Overdue</source>
        <translation>{date} 期限超過</translation>
    </message>
    <message>
        <source>Past the due date and not yet done</source>
        <translation>期限を過ぎていて、まだ完了していません</translation>
    </message>
</context>
<context>
    <name>ImprovementTexts</name>
    <message>
        <source>Title</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Action (what was done)</source>
        <translation>対策（実施内容）</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>起票日</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完了日</translation>
    </message>
    <message>
        <source>Reported to the insurer on</source>
        <translation>保険会社へ報告</translation>
    </message>
    <message>
        <source>Reported to</source>
        <translation>報告先</translation>
    </message>
    <message>
        <source>Voices answered</source>
        <translation>対象の声</translation>
    </message>
    <message>
        <source>The due date is before the opening date.</source>
        <translation>期限が起票日より前になっています。</translation>
    </message>
    <message>
        <source>The report date is before the improvement was opened.</source>
        <translation>報告日が起票日より前になっています。</translation>
    </message>
    <message>
        <source>The report date is ahead of today. Enter the day it was reported.</source>
        <translation>報告日が今日より先になっています。報告した日を入力してください。</translation>
    </message>
    <message>
        <source>The done date is before the improvement was opened.</source>
        <translation>完了日が起票日より前になっています。</translation>
    </message>
    <message>
        <source>Someone else changed this improvement while you were editing it. Nothing was saved yet: their changes are now shown together with yours. Please check and save again.</source>
        <translation>編集中に他の人がこの改善を変更しました。まだ保存していません。相手の変更とあなたの入力を合わせて表示しています。内容を確認して、もう一度保存してください。</translation>
    </message>
    <message>
        <source>Someone else changed this improvement a moment ago. The latest content is shown now; please check it and try again.</source>
        <translation>たった今、他の人がこの改善を変更しました。最新の内容を表示しています。確認してから、もう一度操作してください。</translation>
    </message>
</context>
<context>
    <name>ImprovementsPage</name>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>未完了のみ</translation>
    </message>
    <message>
        <source>Search title, cause or action</source>
        <translation>件名・原因・対策で検索</translation>
    </message>
    <message>
        <source>New improvement (Ctrl+N)</source>
        <translation>新規改善 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>No improvements match.</source>
        <translation>該当する改善はありません</translation>
    </message>
    <message>
        <source>{count} improvements</source>
        <translation>{count}件</translation>
    </message>
</context>
<context>
    <name>IndexProgress</name>
    <message>
        <source>Preparing the search</source>
        <translation>検索の準備</translation>
    </message>
    <message>
        <source>Building the search index… {percent}%
({total} voices, once after an update. If the application is closed,
it continues from here next time.)</source>
        <translation>検索用の索引を作っています… {percent}%
（お客様の声 {total} 件。更新後の初回だけです。
途中で閉じても、次回はその続きから作ります）</translation>
    </message>
</context>
<context>
    <name>JobDialog</name>
    <message>
        <source>The file could not be written: {reason}</source>
        <translation>ファイルを保存できませんでした: {reason}</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>準備しています…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>フォルダを開く(&amp;F)</translation>
    </message>
    <message>
        <source>Save under &amp;another name…</source>
        <translation>別の名前で保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Recording the export…</source>
        <translation>出力の記録を書いています…</translation>
    </message>
    <message>
        <source>The file was not kept because the export could not be recorded: {reason}</source>
        <translation>出力を履歴に記録できなかったため、ファイルは残していません: {reason}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>File: {name}
Folder: {folder}</source>
        <translation>ファイル: {name}
フォルダ: {folder}</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>保存できませんでした。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
</context>
<context>
    <name>KpiDashboard</name>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>First half</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Second half</source>
        <translation>下期</translation>
    </message>
    <message>
        <source>Q{number}</source>
        <translation>第{number}四半期</translation>
    </message>
    <message>
        <source> (interim)</source>
        <translation>（中間）</translation>
    </message>
    <message>
        <source>Final {day} {who}</source>
        <translation>確定 {day} {who}</translation>
    </message>
    <message>
        <source>FY{year} {value}</source>
        <translation>{year}年度 {value}</translation>
    </message>
    <message>
        <source>FY{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>Target {target}</source>
        <translation>目標 {target}</translation>
    </message>
</context>
<context>
    <name>KpiDrillDown</name>
    <message>
        <source>Voice</source>
        <translation>お客様の声</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改善</translation>
    </message>
    <message>
        <source>Elderly sale</source>
        <translation>高齢者募集</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Survey answer</source>
        <translation>アンケート回答</translation>
    </message>
    <message>
        <source>Meeting / training</source>
        <translation>会議・研修</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>資格</translation>
    </message>
</context>
<context>
    <name>KpiFormDialog</name>
    <message>
        <source>Edit KPI ({year})</source>
        <translation>KPIの編集（{year}）</translation>
    </message>
    <message>
        <source>New KPI ({year})</source>
        <translation>KPIの新規登録（{year}）</translation>
    </message>
    <message>
        <source>Required: e.g. early renewal rate</source>
        <translation>必須: 例 早期更改率</translation>
    </message>
    <message>
        <source>e.g. 80 or 80.5</source>
        <translation>例: 80、80.5</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（選択）</translation>
    </message>
    <message>
        <source>&amp;Principle</source>
        <translation>原則(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>項目名(&amp;T)</translation>
    </message>
    <message>
        <source>D&amp;escription</source>
        <translation>説明(&amp;E)</translation>
    </message>
    <message>
        <source>T&amp;arget</source>
        <translation>目標(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Unit</source>
        <translation>単位(&amp;U)</translation>
    </message>
    <message>
        <source>Di&amp;rection</source>
        <translation>判定(&amp;R)</translation>
    </message>
    <message>
        <source>Peri&amp;od</source>
        <translation>期間(&amp;O)</translation>
    </message>
    <message>
        <source>Decimal p&amp;laces</source>
        <translation>表示桁数(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>集計元(&amp;S)</translation>
    </message>
    <message>
        <source>Source detai&amp;l</source>
        <translation>集計の対象(&amp;I)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>A result of this KPI is finalised: only the title, principle and description can change. Unfreeze the period to change the rest.</source>
        <translation>このKPIは実績が確定済みのため、変更できるのは項目名・原則・説明だけです。ほかを変更するには、先に確定を解除してください。</translation>
    </message>
</context>
<context>
    <name>KpiPage</name>
    <message>
        <source>Dashboard</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>KPI settings</source>
        <translation>KPIの設定</translation>
    </message>
    <message>
        <source>Surveys</source>
        <translation>アンケート</translation>
    </message>
    <message>
        <source>Meetings and trainings</source>
        <translation>会議・研修</translation>
    </message>
    <message>
        <source>Qualifications</source>
        <translation>資格</translation>
    </message>
</context>
<context>
    <name>KpiTexts</name>
    <message>
        <source>Principle {text}</source>
        <translation>原則{text}</translation>
    </message>
    <message>
        <source>{places} decimal places</source>
        <translation>小数{places}桁</translation>
    </message>
    <message>
        <source>Whole numbers</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
</context>
<context>
    <name>KpisPage</name>
    <message>
        <source>Fiscal &amp;year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;New KPI (Ctrl+N)</source>
        <translation>新規KPI(&amp;N) (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit (Enter)</source>
        <translation>編集(&amp;E) (Enter)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;History (Ctrl+Shift+H)</source>
        <translation>履歴(&amp;H) (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <source>&amp;Copy from previous year</source>
        <translation>前年度からコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Finali&amp;se period…</source>
        <translation>期間を確定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Unfreeze…</source>
        <translation>確定を解除(&amp;U)…</translation>
    </message>
    <message>
        <source>Only a manager can define KPIs and finalise periods; the list is shown read-only.</source>
        <translation>KPIの設定と期間の確定は管理者だけが行えます。一覧は閲覧のみです。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>項目名</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>集計元</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>表示桁数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>New KPI</source>
        <translation>新規KPI</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Copy from previous year</source>
        <translation>前年度からコピー</translation>
    </message>
    <message>
        <source>Finalise period…</source>
        <translation>期間を確定…</translation>
    </message>
    <message>
        <source>Unfreeze…</source>
        <translation>確定を解除…</translation>
    </message>
    <message>
        <source>Finalised</source>
        <translation>確定済</translation>
    </message>
    <message>
        <source>No KPIs for this year yet.</source>
        <translation>この年度のKPIはまだありません。</translation>
    </message>
    <message>
        <source>{period} finalised on {day} by {name}</source>
        <translation>{period}: {day} 確定（{name}）</translation>
    </message>
    <message>
        <source>{period} unfrozen ({reason})</source>
        <translation>{period}: 確定解除（{reason}）</translation>
    </message>
    <message>
        <source>Only a manager can define KPIs and finalise periods.</source>
        <translation>KPIの設定と期間の確定は管理者だけが行えます。</translation>
    </message>
    <message>
        <source>Delete KPI</source>
        <translation>KPIの削除</translation>
    </message>
    <message>
        <source>Delete the KPI 「{title}」 and its typed results? The history keeps them.</source>
        <translation>KPI「{title}」と入力済みの実績を削除しますか？履歴には残ります。</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>削除しない</translation>
    </message>
    <message>
        <source>Unfrozen</source>
        <translation>確定解除</translation>
    </message>
    <message>
        <source>KPI history</source>
        <translation>KPIの履歴</translation>
    </message>
    <message>
        <source>{year} has no KPIs to copy.</source>
        <translation>{year}にはコピーできるKPIがありません。</translation>
    </message>
    <message>
        <source>Copied {copied} KPIs from {year}.</source>
        <translation>{year}からKPIを{copied}件コピーしました。</translation>
    </message>
    <message>
        <source>{skipped} were here already (same title) and were left as they are.</source>
        <translation>同じ項目名の{skipped}件はすでにあるため、そのままにしました。</translation>
    </message>
    <message>
        <source>Finalised {period}: {count} results frozen.</source>
        <translation>{period}を確定しました（実績{count}件）。</translation>
    </message>
    <message>
        <source>Unfroze {period}; the reason is in the history.</source>
        <translation>{period}の確定を解除しました。理由は履歴に残ります。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New voice</source>
        <translation>新規登録</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Today's call-backs</source>
        <translation>今日の折り返し</translation>
    </message>
    <message>
        <source>Circulation…</source>
        <translation>回覧…</translation>
    </message>
    <message>
        <source>Staff and branches…</source>
        <translation>マスタ管理…</translation>
    </message>
    <message>
        <source>Switch staff…</source>
        <translation>担当者の切替…</translation>
    </message>
    <message>
        <source>&amp;Operate</source>
        <translation>操作(&amp;O)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Checklists of follow-up cases…</source>
        <translation>対応案件のチェックリスト…</translation>
    </message>
    <message>
        <source>Rules for elderly customers…</source>
        <translation>高齢者対応のルール…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Manage</source>
        <translation>管理(&amp;M)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>No voices match.</source>
        <translation>該当する声はありません</translation>
    </message>
    <message>
        <source>Staff: {name}</source>
        <translation>担当者: {name}</translation>
    </message>
    <message>
        <source>Staff and branches… (managers only)</source>
        <translation>マスタ管理…（管理者のみ）</translation>
    </message>
    <message>
        <source>Only a manager can change staff and branches.</source>
        <translation>担当者・拠点の変更は管理者のみが行えます。</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>検索できませんでした: {error}</translation>
    </message>
    <message>
        <source>Call-backs remain</source>
        <translation>折り返しが残っています</translation>
    </message>
    <message>
        <source>{count} promised call-backs are still open.
Quit anyway?</source>
        <translation>まだ済んでいない折り返しの約束が {count} 件あります。
このまま終了しますか？</translation>
    </message>
    <message>
        <source>Show the call-backs</source>
        <translation>折り返しを確認する</translation>
    </message>
    <message>
        <source>&amp;Voices…</source>
        <translation>お客様の声(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Survey answers…</source>
        <translation>アンケート回答(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;KPI results…</source>
        <translation>KPI実績(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Quarterly report to insurers…</source>
        <translation>四半期報告（保険会社向け）(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;KPI publication…</source>
        <translation>KPI公表資料(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Export this list to Excel…</source>
        <translation>この一覧をExcelに出力(&amp;E)…</translation>
    </message>
    <message>
        <source>Save an import &amp;template…</source>
        <translation>取り込み用のひな形を保存(&amp;T)…</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel</source>
        <translation>Excelに出力(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Import from Excel</source>
        <translation>Excelから取り込み(&amp;I)</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>Today's backup could not be made: {reason} Your work is not affected; the backup is tried again at the next start.</source>
        <translation>本日のバックアップを作成できませんでした。{reason} 業務はこのまま続けられます。次回の起動時にもう一度作成します。</translation>
    </message>
    <message>
        <source>There is no backup of this database yet.</source>
        <translation>このデータベースのバックアップがまだありません。</translation>
    </message>
    <message>
        <source>The last backup is from {when} ({days} days ago).</source>
        <translation>最後のバックアップは {when}（{days}日前）です。</translation>
    </message>
    <message>
        <source>The latest attempt failed: {reason}</source>
        <translation>直近の作成に失敗しました。{reason}</translation>
    </message>
    <message>
        <source>Please tell your manager.</source>
        <translation>管理者にお知らせください。</translation>
    </message>
</context>
<context>
    <name>MasterData</name>
    <message>
        <source>Manager</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>○</translation>
    </message>
    <message>
        <source>No</source>
        <translation>－</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新規追加</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>編集中</translation>
    </message>
    <message>
        <source>Adding a new entry</source>
        <translation>新規登録中</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>Shown in choice lists</source>
        <translation>選択肢に表示する</translation>
    </message>
    <message>
        <source>You cannot remove your own manager role.</source>
        <translation>自分自身の管理者権限は外せません。</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself.</source>
        <translation>自分自身を無効にはできません。</translation>
    </message>
    <message>
        <source>Branch name</source>
        <translation>拠点名</translation>
    </message>
    <message>
        <source>This is the head office</source>
        <translation>本部として扱う</translation>
    </message>
    <message>
        <source>e.g. OSK (cannot be changed later)</source>
        <translation>例: OSK（後から変更できません）</translation>
    </message>
    <message>
        <source>This code is already used by another branch.</source>
        <translation>このコードは他の拠点で使われています。</translation>
    </message>
</context>
<context>
    <name>MasterDataDialog</name>
    <message>
        <source>Staff and branches</source>
        <translation>担当者・拠点の設定</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Only a manager can edit staff and branches.</source>
        <translation>担当者・拠点の設定は管理者のみ変更できます。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>MeasureChoice</name>
    <message>
        <source>Not face to face: a phone check by another staff member is needed.</source>
        <translation>非対面募集のため、販売者以外の担当者による電話確認を行います。</translation>
    </message>
    <message>
        <source>Why none was possible</source>
        <translation>いずれもできなかった理由</translation>
    </message>
    <message>
        <source>Why not {measure}</source>
        <translation>{measure}を選ばなかった理由</translation>
    </message>
</context>
<context>
    <name>MeetingPanel</name>
    <message>
        <source>Leader</source>
        <translation>リーダー</translation>
    </message>
    <message>
        <source>Attendees… (Ctrl+Shift+A)</source>
        <translation>出席者… (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>What was talked about (saved when you leave the box)</source>
        <translation>話し合った内容（欄を離れると保存します）</translation>
    </message>
    <message>
        <source>Discard these notes</source>
        <translation>このメモを破棄</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>Not recorded yet</source>
        <translation>まだ記録していません</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This field is required.</source>
        <translation>入力してください。</translation>
    </message>
    <message>
        <source>Too long (max {max} characters).</source>
        <translation>長すぎます（{max}文字まで）。</translation>
    </message>
    <message>
        <source>Choose from the list.</source>
        <translation>一覧から選んでください。</translation>
    </message>
    <message>
        <source>Enter a date and time, e.g. 15:00, tomorrow 10:00, +2h or 2025/04/01 09:30.</source>
        <translation>日時は 15時・明日10時・+2h・2025/04/01 09:30 のように入力してください。</translation>
    </message>
    <message>
        <source>Enter a date, e.g. 2025/04/01, 4/1, R7.4.1 or tomorrow.</source>
        <translation>日付は 2025/04/01・4/1・R7.4.1・明日 のように入力してください。</translation>
    </message>
    <message>
        <source>The month must be 1 to 12 (typed: {month}).</source>
        <translation>月は1〜12で入力してください（入力: {month}月）。</translation>
    </message>
    <message>
        <source>The hour must be 0 to 23 (typed: {hour}).</source>
        <translation>時は0〜23で入力してください（入力: {hour}時）。</translation>
    </message>
    <message>
        <source>The minutes must be 0 to 59 (typed: {minute}).</source>
        <translation>分は0〜59で入力してください（入力: {minute}分）。</translation>
    </message>
    <message>
        <source>Add the time too (e.g. 10:00 or 10時).</source>
        <translation>時刻も入力してください（例: 10時、10:00）。</translation>
    </message>
    <message>
        <source>{era} begins on {first_era} ({first}).</source>
        <translation>{era}は{first_era}（{first}）からです。</translation>
    </message>
    <message>
        <source>{era} ended on {last_era} ({last}).</source>
        <translation>{era}は{last_era}（{last}）までです。</translation>
    </message>
    <message>
        <source>The date is in the future.</source>
        <translation>未来の日付になっています。</translation>
    </message>
    <message>
        <source>The due date is before the receipt date.</source>
        <translation>期限が受付日より前になっています。</translation>
    </message>
    <message>
        <source>The call-back time is before the receipt time.</source>
        <translation>折り返し予定が受付日時より前になっています。</translation>
    </message>
    <message>
        <source>Choose who will call back.</source>
        <translation>折り返し担当を選んでください。</translation>
    </message>
    <message>
        <source>The completion date is before the receipt date.</source>
        <translation>完了日が受付日より前になっています。</translation>
    </message>
    <message>
        <source>Only a dissatisfaction can be marked as a complaint.</source>
        <translation>苦情にできるのは種別が「不満」のときだけです。</translation>
    </message>
    <message>
        <source>No call-back is promised for this voice.</source>
        <translation>この声には折り返しの約束がありません。</translation>
    </message>
    <message>
        <source>This call-back has already been marked as made.</source>
        <translation>この折り返しはすでに折り返し済になっています。</translation>
    </message>
    <message>
        <source>This status change is not allowed.</source>
        <translation>この状況には変更できません。</translation>
    </message>
    <message>
        <source>The due date of a closed record cannot be changed. Reopen it first.</source>
        <translation>完了・見送りにした記録の期限は変更できません。変更するには先に再開してください。</translation>
    </message>
    <message>
        <source>{count} checklist steps are still open.</source>
        <translation>未完了のチェック項目が {count} 件あります。</translation>
    </message>
    <message>
        <source>Please check this field.</source>
        <translation>入力内容を確認してください。</translation>
    </message>
    <message>
        <source>Choose the unit of the target (%, cases, times, pt, people).</source>
        <translation>目標の単位（%・件・回・pt・名）を選んでください。</translation>
    </message>
    <message>
        <source>A percentage must be between 0 and 100.</source>
        <translation>%は0〜100で入力してください。</translation>
    </message>
    <message>
        <source>Choose a principle from 1 to 7.</source>
        <translation>原則を1〜7から選んでください。</translation>
    </message>
    <message>
        <source>Decimal places must be 0 to {max}.</source>
        <translation>表示桁数は0〜{max}にしてください。</translation>
    </message>
    <message>
        <source>The score must be 0 to 10 (typed: {score}).</source>
        <translation>推奨度は0〜10で入力してください（入力: {score}）。</translation>
    </message>
    <message>
        <source>The grade must be 1 to {n} (typed: {grade}).</source>
        <translation>評価は1〜{n}で入力してください（入力: {grade}）。</translation>
    </message>
    <message>
        <source>The satisfied grades must be 1 to one less than the number of grades (top {k} of {n}).</source>
        <translation>満足とする評価の数は、1から段階数より1少ない数までにしてください（{n}段階の上位{k}）。</translation>
    </message>
    <message>
        <source>This measure is not known any more ({measure}).</source>
        <translation>この集計項目は使えなくなっています（{measure}）。</translation>
    </message>
    <message>
        <source>Choose which one this measure counts.</source>
        <translation>集計の対象を選んでください。</translation>
    </message>
    <message>
        <source>This source takes no detail.</source>
        <translation>この集計元には対象の指定がありません。</translation>
    </message>
    <message>
        <source>This survey does not ask the 0–10 recommendation score: its NPS would never have data.</source>
        <translation>このアンケートは0〜10の推奨度を聞いていないため、NPSは常にデータなしになります。推奨度を聞くアンケートを選んでください。</translation>
    </message>
    <message>
        <source>Choose the detail from the list (typed: {value}).</source>
        <translation>集計の対象を一覧から選んでください（入力: {value}）。</translation>
    </message>
    <message>
        <source>This measure is counted in {unit}: use {unit} as the unit.</source>
        <translation>この集計項目の単位は{unit}です。単位を{unit}にしてください。</translation>
    </message>
    <message>
        <source>This period has not ended yet. It can be finalised from {first}.</source>
        <translation>この期間はまだ終わっていません。{first}から確定できます。</translation>
    </message>
    <message>
        <source>This period is already finalised.</source>
        <translation>この期間はすでに確定済みです。</translation>
    </message>
    <message>
        <source>This period is not finalised.</source>
        <translation>この期間は確定されていません。</translation>
    </message>
    <message>
        <source>Write why the period is unfrozen (it is kept in the history).</source>
        <translation>確定を解除する理由を入力してください（履歴に残ります）。</translation>
    </message>
    <message>
        <source>{outer} is finalised and holds this period's figures. Unfreeze {outer} first.</source>
        <translation>この期間の数値は{outer}の確定に含まれています。先に{outer}の確定を解除してください。</translation>
    </message>
    <message>
        <source>Enter the target as a number, e.g. 80 or 80.5.</source>
        <translation>目標は 80、80.5 のように数字で入力してください。</translation>
    </message>
    <message>
        <source>A count cannot be below zero.</source>
        <translation>件数・回数・人数は0以上で入力してください。</translation>
    </message>
    <message>
        <source>The fiscal year must be {first} to {last}.</source>
        <translation>年度は{first}〜{last}にしてください。</translation>
    </message>
    <message>
        <source>This year already has a KPI with this title.</source>
        <translation>この年度には同じ項目名のKPIがすでにあります。</translation>
    </message>
    <message>
        <source>A result of this KPI is finalised: this cannot change. Unfreeze the period first.</source>
        <translation>このKPIは実績が確定済みのため変更できません。先に確定を解除してください。</translation>
    </message>
    <message>
        <source>A result of this KPI is finalised, so it cannot be deleted. Unfreeze the period first.</source>
        <translation>このKPIは実績が確定済みのため削除できません。先に確定を解除してください。</translation>
    </message>
    <message>
        <source>A KPI stays in its fiscal year. Copy it into the other year instead.</source>
        <translation>KPIの年度は変更できません。別の年度にはコピーしてください。</translation>
    </message>
    <message>
        <source>This period is finalised: its result cannot change. Unfreeze the period first.</source>
        <translation>この期間は確定済みのため、実績は変更できません。先に確定を解除してください。</translation>
    </message>
    <message>
        <source>This KPI is computed from the records; its result is not typed.</source>
        <translation>このKPIは記録から集計するため、実績は入力しません。</translation>
    </message>
    <message>
        <source>Enter the result as a number, e.g. 82.5.</source>
        <translation>実績は 82.5 のように数字で入力してください。</translation>
    </message>
    <message>
        <source>{month}/{year} has only {last} days.</source>
        <translation>{year}年{month}月は{last}日までです。</translation>
    </message>
    <message>
        <source>Month {month} has only {last} days.</source>
        <translation>{month}月は{last}日までです。</translation>
    </message>
    <message>
        <source>The temporary folder has not enough free space for the copy of the database that is checked (about {megabytes} MB): {folder}
The database file is left as it is. Free some space there, then try again.</source>
        <translation>一時フォルダーの空き容量が足りないため、点検用のデータベースのコピーを作れませんでした（約 {megabytes} MB 必要です）: {folder}
データベースのファイルには手を加えていません。一時フォルダーのあるドライブの空き容量を増やしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>There is not enough free disk space, so nothing can be saved. Free some space on the disk, then try again.</source>
        <translation>ディスクの空き容量が足りないため、保存できない状態です。ディスクの空きを増やしてから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>There is not enough free disk space. Nothing was lost: your entry is still here and kept as a draft.</source>
        <translation>ディスクの空き容量が足りないため保存できませんでした。入力内容は消えていません（画面に残り、下書きとして保管されています）。</translation>
    </message>
    <message>
        <source>The disk refused a write: it may be out of free space.</source>
        <translation>ディスクに書き込めませんでした。空き容量が足りない可能性があります。</translation>
    </message>
    <message>
        <source>Reading or writing the disk failed.</source>
        <translation>ディスクの読み書きでエラーが発生しました。</translation>
    </message>
    <message>
        <source>Check the free space on the disk; for a network drive, check that it is connected. Then try again. If it happens again, ask your manager.</source>
        <translation>ディスクの空き容量を確認し、ネットワークドライブの場合は接続を確認してから、もう一度お試しください。解決しない場合は管理者に連絡してください。</translation>
    </message>
    <message>
        <source>Nothing was lost: your entry is still here.</source>
        <translation>入力内容は消えていません（画面に残っています）。</translation>
    </message>
    <message>
        <source>The database folder is read-only, so nothing can be saved to it. Ask the person who looks after this PC to allow writing to the folder.</source>
        <translation>データベースのフォルダーが読み取り専用のため、保存できない状態です。このパソコンの管理者に、フォルダーへの書き込みを許可するよう依頼してください。</translation>
    </message>
    <message>
        <source>The database folder is read-only. Nothing was lost: your entry is still here. Ask the person who looks after this PC to allow writing to the folder.</source>
        <translation>データベースのフォルダーが読み取り専用のため保存できませんでした。入力内容は画面に残っています。このパソコンの管理者に、フォルダーへの書き込みを許可するよう依頼してください。</translation>
    </message>
    <message>
        <source>Another copy of the application is using the database. Please wait a moment and try again.</source>
        <translation>別のアプリがデータベースを使用中です。少し待ってからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The database file is damaged, so nothing more is written to it. Restart the application to open the latest backup.</source>
        <translation>データベースファイルが壊れているため、これ以上書き込みません。アプリを再起動して最新のバックアップを開いてください。</translation>
    </message>
    <message>
        <source>This database (schema {schema}) was made by a newer version of the application. Use a version newer than {app}.</source>
        <translation>このデータベース（スキーマ {schema}）は新しいバージョンのアプリで作成されています。バージョン {app} より新しいアプリをお使いください。</translation>
    </message>
    <message>
        <source>This database (schema {schema}) was made by a newer version of the application. Use version {version} or later.</source>
        <translation>このデータベース（スキーマ {schema}）は新しいバージョンのアプリで作成されています。バージョン {version} 以降のアプリをお使いください。</translation>
    </message>
    <message>
        <source>The database could not be opened: {path}</source>
        <translation>データベースを開けませんでした: {path}</translation>
    </message>
    <message>
        <source>The database reported an error. Please try again.</source>
        <translation>データベースでエラーが発生しました。もう一度お試しください。</translation>
    </message>
    <message>
        <source>The database reported an error, so the entry was not saved. Nothing was lost: your entry is still here. Please try again.</source>
        <translation>データベースでエラーが発生したため保存できませんでした。入力内容は画面に残っています。もう一度お試しください。</translation>
    </message>
    <message>
        <source>Someone else changed this voice while you were editing it. Nothing was saved yet: their changes are now shown together with yours. Please check and save again.</source>
        <translation>編集中に他の人がこの声を変更しました。まだ保存していません。他の人の変更とあなたの入力を合わせて表示していますので、確認してからもう一度保存してください。</translation>
    </message>
    <message>
        <source>The draft could not be saved ({reason}). Save the entry soon.</source>
        <translation>下書きを保存できませんでした（{reason}）。早めに保存してください。</translation>
    </message>
    <message>
        <source>Someone else changed this voice a moment ago. The latest content is shown now; please check it and try again.</source>
        <translation>この声は直前に他の人が変更しました。最新の内容を表示しています。確認してからもう一度操作してください。</translation>
    </message>
    <message>
        <source>Someone else changed this record a moment ago. The latest content is shown now; please check it and try again.</source>
        <translation>この記録は少し前に他の人が変更しました。最新の内容を表示しています。確認してからもう一度操作してください。</translation>
    </message>
    <message>
        <source>This record is no longer in the database (it may have been removed on another PC).</source>
        <translation>この記録はデータベースにありません（他のPCで削除された可能性があります）。</translation>
    </message>
    <message>
        <source>Only a manager can do this. Ask a manager, or switch staff (File menu).</source>
        <translation>この操作は管理者のみ行えます。管理者に依頼するか、担当者を切り替えてください（ファイル メニュー）。</translation>
    </message>
</context>
<context>
    <name>MoveTeamDialog</name>
    <message>
        <source>Move to another team</source>
        <translation>別のチームへ移す</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>移すチーム</translation>
    </message>
</context>
<context>
    <name>MyWorkPage</name>
    <message>
        <source>Refresh (F5)</source>
        <translation>更新 (F5)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Time / due</source>
        <translation>時刻・期限</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Nothing is due today. Call-backs, overdue items, open elderly-customer records and circulations to read will appear here.</source>
        <translation>本日の仕事はありません。折り返しの約束、期限超過・本日期限のもの、未完了の高齢者対応記録、未読の回覧があると、ここに表示されます。</translation>
    </message>
    <message>
        <source>Enter or double-click opens the record.</source>
        <translation>Enter キーまたはダブルクリックで記録を開きます。</translation>
    </message>
    <message>
        <source>Today's work: {count} items ({day})</source>
        <translation>本日の仕事: {count} 件（{day}）</translation>
    </message>
    <message>
        <source>Missed call-backs</source>
        <translation>未連絡の折り返し</translation>
    </message>
    <message>
        <source>Today's call-backs</source>
        <translation>本日の折り返し</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>本日期限</translation>
    </message>
    <message>
        <source>Incomplete elderly-customer records</source>
        <translation>未完了の高齢者対応記録</translation>
    </message>
    <message>
        <source>Circulations not yet read</source>
        <translation>未読の回覧</translation>
    </message>
    <message>
        <source>{label} ({count})</source>
        <translation>{label}（{count} 件）</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>声</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>高齢者</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改善</translation>
    </message>
    <message>
        <source>Circulation</source>
        <translation>回覧</translation>
    </message>
    <message>
        <source>You have not read the circulation of month {month}</source>
        <translation>{month}月の回覧を読んでいません</translation>
    </message>
    <message>
        <source>{when} (not made)</source>
        <translation>{when}（未連絡）</translation>
    </message>
    <message>
        <source>{time} (time passed)</source>
        <translation>{time}（時刻経過）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>本日</translation>
    </message>
    <message>
        <source>Issued {date}</source>
        <translation>{date} 発行</translation>
    </message>
    <message>
        <source>(no due date)</source>
        <translation>（期限なし）</translation>
    </message>
    <message>
        <source>{date} (overdue)</source>
        <translation>{date}（期限超過）</translation>
    </message>
</context>
<context>
    <name>OpenErrors</name>
    <message>
        <source>The database file is damaged or is not a database:
{path}

The file is left as it is.</source>
        <translation>データベースファイルが壊れているか、データベースではありません:
{path}

このファイルには手を加えません。</translation>
    </message>
    <message>
        <source>No backup of this database was found. Please contact your manager.</source>
        <translation>このデータベースのバックアップが見つかりません。管理者に連絡してください。</translation>
    </message>
    <message>
        <source>You can continue with a copy of the latest backup ({when}). Entries made after that backup are not in it.</source>
        <translation>最新のバックアップ（{when}）のコピーを開いて続けられます。そのバックアップより後の入力は含まれません。</translation>
    </message>
    <message>
        <source>The database is being used by another copy of the application and stayed busy for several seconds.
If the application is already open on this PC, please use that window.

Try again?</source>
        <translation>データベースがほかで起動中のアプリに使われていて、数秒待っても空きませんでした。
このPCですでにアプリを開いている場合は、そのウィンドウをお使いください。

もう一度試しますか？</translation>
    </message>
    <message>
        <source>There is not enough free disk space.</source>
        <translation>ディスクの空き容量が不足しています。</translation>
    </message>
    <message>
        <source>Access was refused, or another program (for example a virus scanner) is using the file.</source>
        <translation>アクセスが拒否されたか、他のプログラム（ウイルス対策ソフトなど）がファイルを使用中です。</translation>
    </message>
    <message>
        <source>The backup file or its folder cannot be found (a network drive may be disconnected).</source>
        <translation>バックアップファイルまたはそのフォルダーが見つかりません（ネットワークドライブが切断されている可能性があります）。</translation>
    </message>
    <message>
        <source>The system reported: {reason}</source>
        <translation>システムからの報告: {reason}</translation>
    </message>
    <message>
        <source>The copy of the backup could not be made.
{reason}

Nothing was changed: the damaged file and the backup are as they were.
Try again in a moment; if it fails again, ask your manager. The backup can also be copied by hand:
{path}</source>
        <translation>バックアップのコピーを作成できませんでした。
{reason}

何も変更していません。破損したファイルとバックアップはそのまま残っています。
少し待ってから再試行してください。再び失敗する場合は管理者にご相談ください。バックアップは手作業でコピーすることもできます:
{path}</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>データベースが壊れています</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Open a copy of the backup</source>
        <translation>バックアップのコピーを開く</translation>
    </message>
    <message>
        <source>A newer version is needed</source>
        <translation>新しいバージョンが必要です</translation>
    </message>
    <message>
        <source>The database is in use</source>
        <translation>データベースが使用中です</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>もう一度試す</translation>
    </message>
    <message>
        <source>The backup could not be copied</source>
        <translation>バックアップをコピーできません</translation>
    </message>
    <message>
        <source>The database file is empty (0 bytes), although backups of it exist:
{path}

The file is left as it is.</source>
        <translation>データベースファイルが空（0 バイト）になっています。このファイルのバックアップはあります:
{path}

このファイルには手を加えません。</translation>
    </message>
    <message>
        <source>This database was written by a newer version of the application: its schema is version {schema}, and this application ({app}) knows schemas up to version {known}.
</source>
        <translation>このデータベースは新しいバージョンのアプリで作成されています。データベースのスキーマは {schema} で、このアプリ（バージョン {app}）が扱えるのはスキーマ {known} までです。
</translation>
    </message>
    <message>
        <source>Please open it with version {version} or later, which knows schema {schema}.</source>
        <translation>スキーマ {schema} を扱えるバージョン {version} 以降のアプリで開いてください。</translation>
    </message>
    <message>
        <source>Please open it with a version newer than {app}.</source>
        <translation>バージョン {app} より新しいアプリで開いてください。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>データベースを開けません</translation>
    </message>
</context>
<context>
    <name>OpenItems</name>
    <message>
        <source>Open voices: {count} ({overdue} overdue)</source>
        <translation>未完了の声: {count}件（うち期限超過 {overdue}件）</translation>
    </message>
    <message>
        <source>Open improvements: {count}</source>
        <translation>進行中の改善: {count}件</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Working…</source>
        <translation>処理しています…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
</context>
<context>
    <name>PageTabs</name>
    <message>
        <source>Customer voices</source>
        <translation>お客様の声</translation>
    </message>
    <message>
        <source>My work today</source>
        <translation>今日の仕事</translation>
    </message>
    <message>
        <source>Follow-up cases</source>
        <translation>対応案件</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Elderly customers</source>
        <translation>高齢者対応</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Voice day</source>
        <translation>声の日</translation>
    </message>
    <message>
        <source>Improvements</source>
        <translation>改善</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
</context>
<context>
    <name>ParticipantPicker</name>
    <message>
        <source>Find by name or kana</source>
        <translation>氏名・かなで検索</translation>
    </message>
    <message>
        <source>&amp;All</source>
        <translation>全員(&amp;A)</translation>
    </message>
    <message>
        <source>{name} (left)</source>
        <translation>{name}（退職）</translation>
    </message>
</context>
<context>
    <name>PhoneCheckBox</name>
    <message>
        <source>Phone check (needed: {age} or older)</source>
        <translation>電話確認（必要：{age}歳以上のため）</translation>
    </message>
    <message>
        <source>Phone check (needed: not face to face)</source>
        <translation>電話確認（必要：非対面募集のため）</translation>
    </message>
    <message>
        <source>Phone check (needed: no face-to-face measure possible)</source>
        <translation>電話確認（必要：対面での対応ができなかったため）</translation>
    </message>
    <message>
        <source>Phone check</source>
        <translation>電話確認</translation>
    </message>
    <message>
        <source>Phone check (not required)</source>
        <translation>電話確認（任意）</translation>
    </message>
</context>
<context>
    <name>PlanRowsModel</name>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>取り込み済み</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>読み飛ばす</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>取り込めない</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Problems and notes</source>
        <translation>問題・注記</translation>
    </message>
</context>
<context>
    <name>PrintedDocument</name>
    <message>
        <source>Print preview — {title}</source>
        <translation>印刷プレビュー — {title}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <source>Edit qualification</source>
        <translation>資格の編集</translation>
    </message>
    <message>
        <source>New qualification</source>
        <translation>資格の登録</translation>
    </message>
    <message>
        <source>empty: never lapses</source>
        <translation>空欄: 期限なし</translation>
    </message>
    <message>
        <source>&amp;Staff member</source>
        <translation>社員(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Qualification</source>
        <translation>資格名(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Obtained on</source>
        <translation>取得日(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Lapses on</source>
        <translation>失効日(&amp;L)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
</context>
<context>
    <name>QualificationsPage</name>
    <message>
        <source>Qualification</source>
        <translation>資格名</translation>
    </message>
    <message>
        <source>Obtained on</source>
        <translation>取得日</translation>
    </message>
    <message>
        <source>Lapses on</source>
        <translation>失効日</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>本日</translation>
    </message>
    <message>
        <source>&amp;New qualification</source>
        <translation>資格を登録(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>履歴(&amp;H)</translation>
    </message>
    <message>
        <source>Holding at least one valid qualification today: {held} of {staff} staff</source>
        <translation>本日有効な資格を1つ以上保有: 在籍{staff}人中{held}人</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name}（{count}）</translation>
    </message>
    <message>
        <source>{name} (left)</source>
        <translation>{name}（退職）</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Not valid</source>
        <translation>失効</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Remove qualification</source>
        <translation>資格の削除</translation>
    </message>
    <message>
        <source>Remove {name} of {holder}?</source>
        <translation>{holder} の「{name}」を削除しますか？</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>No improvement needed</source>
        <translation>改善不要</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必須）</translation>
    </message>
</context>
<context>
    <name>RecordDetailPanel</name>
    <message>
        <source>Undo call-back made</source>
        <translation>折り返し済を元に戻す</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>変更履歴…</translation>
    </message>
</context>
<context>
    <name>RecordStatusDialog</name>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>メモ（任意）</translation>
    </message>
</context>
<context>
    <name>RecordTablePage</name>
    <message>
        <source>Remove</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>削除しない</translation>
    </message>
</context>
<context>
    <name>RelativeContactDialog</name>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回入力途中の内容を復元しました。</translation>
    </message>
    <message>
        <source>Relative contact</source>
        <translation>親族連絡先の登録</translation>
    </message>
    <message>
        <source>e.g. spouse, eldest son</source>
        <translation>例: 配偶者、長男</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>お客様のお話の内容</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。印の付いた項目を修正してください。</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Reopen the meeting</source>
        <translation>会議を再開</translation>
    </message>
    <message>
        <source>Why is it reopened? (kept in the history)</source>
        <translation>再開する理由（履歴に残ります）</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Mark as reported to the insurer</source>
        <translation>保険会社へ報告済にする</translation>
    </message>
    <message>
        <source>Improvement: {title}</source>
        <translation>改善：{title}</translation>
    </message>
    <message>
        <source>Leave the date empty to take back a report recorded by mistake.</source>
        <translation>誤って記録した報告を取り消すときは、日付を空にして保存してください。</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Enter or double-click opens the record.</source>
        <translation>Enter キーまたはダブルクリックで記録を開きます。</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <source>Result and comments: {title}</source>
        <translation>実績・コメント: {title}</translation>
    </message>
    <message>
        <source>{title} — {period} (target {target})</source>
        <translation>{title}　{period}（目標 {target}）</translation>
    </message>
    <message>
        <source>Empty: no data</source>
        <translation>空欄: データなし</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>実績(&amp;R)</translation>
    </message>
    <message>
        <source>[Figures and &amp;facts]</source>
        <translation>【数値・事実】(&amp;F)</translation>
    </message>
    <message>
        <source>[E&amp;valuation]</source>
        <translation>【評価】(&amp;V)</translation>
    </message>
    <message>
        <source>Back to the &amp;drafts</source>
        <translation>下書きに戻す(&amp;D)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>ResultsGrid</name>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>回</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Re-test {n}</source>
        <translation>再テスト{n}回目</translation>
    </message>
    <message>
        <source>First</source>
        <translation>1回目</translation>
    </message>
    <message>
        <source>Choose a participant's row first.</source>
        <translation>先に参加者の行を選んでください。</translation>
    </message>
    <message>
        <source>A re-test follows only an attempt not passed.</source>
        <translation>再テストは「再テスト」となった回の後にだけ追加できます。</translation>
    </message>
</context>
<context>
    <name>SimilarHint</name>
    <message>
        <source>The text is too short to look for similar voices.</source>
        <translation>文章が短いため、似た声は探していません</translation>
    </message>
    <message>
        <source>There are {count} or more similar earlier voices</source>
        <translation>似た声が過去に{count}件以上あります</translation>
    </message>
    <message>
        <source>There are {count} similar earlier voices</source>
        <translation>似た声が過去に{count}件あります</translation>
    </message>
    <message>
        <source>(list: {key})</source>
        <translation>（一覧: {key}）</translation>
    </message>
    <message>
        <source>same customer</source>
        <translation>同じお客様</translation>
    </message>
    <message>
        <source>same category</source>
        <translation>同じ分類</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>This database is already open in another window.
Please look for it on the taskbar.</source>
        <translation>このデータベースは既に別のウィンドウで開かれています。
タスクバーをご確認ください。</translation>
    </message>
</context>
<context>
    <name>StaffPicker</name>
    <message>
        <source>Who are you?</source>
        <translation>担当者の選択</translation>
    </message>
    <message>
        <source>Choose your name. Type to narrow the list, Enter to start.</source>
        <translation>お名前を選んでください。文字を入力すると絞り込めます。Enter で開始します。</translation>
    </message>
    <message>
        <source>Name or kana</source>
        <translation>名前またはふりがな</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>No staff are registered yet. Enter your name to start as the first manager. You can add the other staff later under Master data.</source>
        <translation>担当者がまだ登録されていません。お名前を入力すると、最初の管理者として開始します。ほかの担当者は後から「マスタ管理」で追加できます。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>氏名</translation>
    </message>
    <message>
        <source>Kana</source>
        <translation>ふりがな</translation>
    </message>
    <message>
        <source>Register and start</source>
        <translation>登録して開始</translation>
    </message>
    <message>
        <source>Please enter your name.</source>
        <translation>お名前を入力してください。</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Mark as done</source>
        <translation>完了にする</translation>
    </message>
    <message>
        <source>Close without action</source>
        <translation>見送りにする</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>再開する</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>対応開始</translation>
    </message>
    <message>
        <source>Voice: {summary}</source>
        <translation>対象の声: {summary}</translation>
    </message>
</context>
<context>
    <name>StillNeededPanel</name>
    <message>
        <source>Still needed</source>
        <translation>まだ必要なこと</translation>
    </message>
    <message>
        <source>The customer is {age} on the application date: under the rules (from {threshold}) not an elderly customer, so nothing more is needed and no record is kept.</source>
        <translation>お客様は申込日時点で{age}歳です。規程上の高齢者（{threshold}歳以上）ではないため、ほかに必要なことはなく、この記録は不要です。</translation>
    </message>
    <message>
        <source>The customer's date of birth is not recorded, so the age on the application date cannot be judged. Add it in the customer's record.</source>
        <translation>お客様の生年月日が登録されていないため、申込日時点の年齢を判定できません。お客様台帳に生年月日を登録してください。</translation>
    </message>
    <message>
        <source>Choose the customer, application date and product first.</source>
        <translation>まずお客様・申込日・種目を入力してください。</translation>
    </message>
    <message>
        <source>Nothing more is needed.</source>
        <translation>必要な記録はそろっています。</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <source>Voices per week by kind and by category</source>
        <translation>週ごとの声の件数（種別・分類）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>{week} (this time)</source>
        <translation>{week}（今回）</translation>
    </message>
    <message>
        <source>By kind</source>
        <translation>種別ごとの件数</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>分類ごとの件数</translation>
    </message>
</context>
<context>
    <name>SurveyEntry</name>
    <message>
        <source>Enter an answer</source>
        <translation>回答の入力</translation>
    </message>
    <message>
        <source>&amp;Save (Ctrl+Enter)</source>
        <translation>保存(&amp;S) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Leave the edit (Esc)</source>
        <translation>編集をやめる (Esc)</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>回答日(&amp;D)</translation>
    </message>
    <message>
        <source>Survey k&amp;ind</source>
        <translation>種別(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>商品(&amp;P)</translation>
    </message>
    <message>
        <source>S&amp;core (0–10)</source>
        <translation>推奨度 0〜10(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Grade</source>
        <translation>満足度(&amp;G)</translation>
    </message>
    <message>
        <source>Comme&amp;nt</source>
        <translation>コメント(&amp;N)</translation>
    </message>
    <message>
        <source>not asked</source>
        <translation>この種別では聞きません</translation>
    </message>
    <message>
        <source>Draft not kept ({reason}): save soon.</source>
        <translation>下書きを保存できませんでした（{reason}）。早めに保存してください。</translation>
    </message>
    <message>
        <source>The sheet you were typing is back.</source>
        <translation>入力途中の回答を戻しました。</translation>
    </message>
    <message>
        <source>The answer of {date} is still being edited: save it (Ctrl+Enter) or leave it (Esc) first.</source>
        <translation>{date} の回答を編集中です。先に保存（Ctrl+Enter）するか、編集をやめて（Esc）ください。</translation>
    </message>
    <message>
        <source>Edit an answer</source>
        <translation>回答の編集</translation>
    </message>
    <message>
        <source>Editing the answer of {date}. Esc leaves the edit.</source>
        <translation>{date} の回答を編集中です。Esc で編集をやめます。</translation>
    </message>
    <message>
        <source>The answer is saved.</source>
        <translation>回答を保存しました。</translation>
    </message>
    <message>
        <source>Saved: {date} {survey} — {count} this time.</source>
        <translation>保存しました: {date} {survey}（今回 {count} 件目）</translation>
    </message>
</context>
<context>
    <name>SurveyTexts</name>
    <message>
        <source>Answered on</source>
        <translation>回答日</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>アンケート種別</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Score (0–10)</source>
        <translation>推奨度（0〜10）</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>満足度</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>声</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>Grades (n)</source>
        <translation>段階数（n）</translation>
    </message>
    <message>
        <source>Satisfied (top k)</source>
        <translation>満足とする上位（k）</translation>
    </message>
    <message>
        <source>Grade labels</source>
        <translation>段階の表記</translation>
    </message>
    <message>
        <source>Asks the 0–10 score</source>
        <translation>推奨度（0〜10）を聞く</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>設問</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>The score is 0 to 10 (typed: {score}).</source>
        <translation>推奨度は 0〜10 で入力してください（入力: {score}）。</translation>
    </message>
    <message>
        <source>This survey has grades 1 to {n} (typed: {grade}).</source>
        <translation>この種別の満足度は 1〜{n} です（入力: {grade}）。</translation>
    </message>
    <message>
        <source>Top k must be 1 to {last} for {n} grades.</source>
        <translation>{n} 段階の場合、満足とする上位は 1〜{last} です。</translation>
    </message>
    <message>
        <source>Enter a whole number 0 to 10 (typed: {text}).</source>
        <translation>0〜10 の整数で入力してください（入力: {text}）。</translation>
    </message>
    <message>
        <source>Enter the grade's number or its label as printed (typed: {text}).</source>
        <translation>満足度は番号か、用紙の表記どおりに入力してください（入力: {text}）。</translation>
    </message>
    <message>
        <source>This survey does not ask the 0–10 score.</source>
        <translation>この種別では推奨度（0〜10）を聞いていません。</translation>
    </message>
    <message>
        <source>This survey has no usable scale (at least 2 grades).</source>
        <translation>この種別には使える段階がありません（2 段階以上が必要です）。</translation>
    </message>
    <message>
        <source>Give {n} labels, one per grade (given: {labels}), or none.</source>
        <translation>表記は段階ごとに {n} 個入力するか、空欄にしてください（入力: {labels} 個）。</translation>
    </message>
    <message>
        <source>The answer date is in the future.</source>
        <translation>回答日が未来の日付です。</translation>
    </message>
    <message>
        <source>Enter a score, a grade or a comment.</source>
        <translation>推奨度・満足度・コメントのいずれかを入力してください。</translation>
    </message>
    <message>
        <source>This answer has no comment to make a voice of.</source>
        <translation>この回答にはコメントがないため、声にできません。</translation>
    </message>
    <message>
        <source>This comment is a voice already.</source>
        <translation>このコメントはすでに声になっています。</translation>
    </message>
    <message>
        <source>Answers hold grade {grade}: this survey needs at least {grade} grades (not {n}).</source>
        <translation>回答に段階 {grade} があります。段階数は {grade} 以上にしてください（指定: {n}）。</translation>
    </message>
    <message>
        <source>{answers} answers hold a 0–10 score: it stays asked (retire this survey and start a new one instead).</source>
        <translation>推奨度（0〜10）のある回答が {answers} 件あるため、推奨度は外せません（この種別の使用をやめ、新しい種別を作ってください）。</translation>
    </message>
    <message>
        <source>1 (best) to {n}</source>
        <translation>1（最良）〜{n}</translation>
    </message>
</context>
<context>
    <name>SurveyTypesDialog</name>
    <message>
        <source>Survey types</source>
        <translation>アンケート種別</translation>
    </message>
    <message>
        <source>best first, e.g. 満足 / やや満足 / 普通 / やや不満 / 不満</source>
        <translation>良い順に。例: 満足 / やや満足 / 普通 / やや不満 / 不満</translation>
    </message>
    <message>
        <source>Asks the 0–10 score (NPS)</source>
        <translation>推奨度（0〜10、NPS）を聞く</translation>
    </message>
    <message>
        <source>In use (offered for new answers)</source>
        <translation>使用中（新しい回答で選べる）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Grades (n)</source>
        <translation>段階数 n(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Satisfied: the best k</source>
        <translation>満足とする上位 k(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>表記(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>設問(&amp;Q)</translation>
    </message>
    <message>
        <source>Ne&amp;w survey type</source>
        <translation>種別を追加(&amp;W)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>{name} (not in use)</source>
        <translation>{name}（使用停止）</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
</context>
<context>
    <name>SurveysPage</name>
    <message>
        <source>Remove answer?</source>
        <translation>回答を削除しますか？</translation>
    </message>
    <message>
        <source>Survey &amp;types…</source>
        <translation>アンケート種別(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Edit (Enter)</source>
        <translation>編集(&amp;E) (Enter)</translation>
    </message>
    <message>
        <source>&amp;Remove… (Delete)</source>
        <translation>削除(&amp;R)… (Delete)</translation>
    </message>
    <message>
        <source>Ma&amp;ke a voice (Ctrl+Shift+V)</source>
        <translation>声にする(&amp;K) (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>&amp;History (Ctrl+Shift+H)</source>
        <translation>変更履歴(&amp;H) (Ctrl+Shift+H)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Make a voice</source>
        <translation>声にする</translation>
    </message>
    <message>
        <source>Change history…</source>
        <translation>変更履歴…</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>P&amp;art</source>
        <translation>期間(&amp;A)</translation>
    </message>
    <message>
        <source>S&amp;urvey</source>
        <translation>種別(&amp;U)</translation>
    </message>
    <message>
        <source>FY{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>All surveys</source>
        <translation>すべての種別</translation>
    </message>
    <message>
        <source>{count} answers</source>
        <translation>{count} 件</translation>
    </message>
    <message>
        <source>(the newest {shown} listed)</source>
        <translation>（一覧は新しい {shown} 件）</translation>
    </message>
    <message>
        <source>{name}: {count} answers</source>
        <translation>{name}: {count} 件</translation>
    </message>
    <message>
        <source>NPS {value}</source>
        <translation>NPS {value}</translation>
    </message>
    <message>
        <source>NPS no data</source>
        <translation>NPS データなし</translation>
    </message>
    <message>
        <source>satisfied {value}% (top {k} of {n})</source>
        <translation>満足度 {value}%（{n} 段階の上位 {k}）</translation>
    </message>
    <message>
        <source>satisfaction no data</source>
        <translation>満足度 データなし</translation>
    </message>
    <message>
        <source>Open its voice</source>
        <translation>声を開く</translation>
    </message>
    <message>
        <source>&amp;Look at its voice (Ctrl+Shift+V)</source>
        <translation>声を開く(&amp;L) (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Remove the answer of {date} ({survey})?</source>
        <translation>{date} の回答（{survey}）を削除しますか？</translation>
    </message>
    <message>
        <source>The voice made from its comment stays.</source>
        <translation>コメントから作成した声は残ります。</translation>
    </message>
    <message>
        <source>The comment is now a voice (channel: survey). Ctrl+Shift+V opens it.</source>
        <translation>コメントを声にしました（受付経路: アンケート）。Ctrl+Shift+V で開きます。</translation>
    </message>
    <message>
        <source>Answer of {date} ({survey})</source>
        <translation>{date} の回答（{survey}）</translation>
    </message>
    <message>
        <source>Answer history</source>
        <translation>回答の変更履歴</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>パスフレーズ(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>確認のため再入力(&amp;A):</translation>
    </message>
    <message>
        <source>The passphrase is the agency's, told by head office. It is kept only while this window is open, never saved.</source>
        <translation>パスフレーズは本部から知らされた代理店共通のものです。この画面を開いている間だけ覚えておき、ファイルには保存しません。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>準備しています…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>フォルダを開く(&amp;F)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>The two entries differ. Type the passphrase again in both fields.</source>
        <translation>二回の入力が一致しません。両方の欄にもう一度入力してください。</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>パスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>Working: {what}</source>
        <translation>処理中: {what}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>中止しています…</translation>
    </message>
    <message>
        <source>Stopped. Nothing of {name} was imported or written.</source>
        <translation>中止しました。{name} からは何も取り込んでいません（書き込んだものもありません）。</translation>
    </message>
    <message>
        <source>The files imported before it stay imported:</source>
        <translation>それより前に取り込んだファイルは、取り込んだままです:</translation>
    </message>
    <message>
        <source>Not done.</source>
        <translation>実行できませんでした。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>何も書き込んでいません。</translation>
    </message>
    <message>
        <source>The file to send is written.</source>
        <translation>送信ファイルを作成しました。</translation>
    </message>
    <message>
        <source>Import finished.</source>
        <translation>取り込みが終わりました。</translation>
    </message>
    <message>
        <source>Send and receive finished.</source>
        <translation>送受信が終わりました。</translation>
    </message>
</context>
<context>
    <name>SyncMenu</name>
    <message>
        <source>Branch exchange files (*{suffix})</source>
        <translation>送受信ファイル (*{suffix})</translation>
    </message>
    <message>
        <source>&amp;Write a file to send…</source>
        <translation>送信ファイルを作成…(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Import received files…</source>
        <translation>受信ファイルを取り込む…(&amp;I)</translation>
    </message>
    <message>
        <source>Send and receive through the exchange &amp;folder</source>
        <translation>交換フォルダーで送受信(&amp;F)</translation>
    </message>
    <message>
        <source>C&amp;hoose the exchange folder…</source>
        <translation>交換フォルダーを選ぶ…(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>競合…(&amp;C)</translation>
    </message>
    <message>
        <source>Sync &amp;status…</source>
        <translation>同期状況…(&amp;S)</translation>
    </message>
    <message>
        <source>E&amp;xchange</source>
        <translation>送受信(&amp;X)</translation>
    </message>
    <message>
        <source>Conflicts: {count}</source>
        <translation>競合 {count} 件</translation>
    </message>
    <message>
        <source>Changes made at two offices to the same field: a manager confirms or reverses them (競合…).</source>
        <translation>二つの拠点で同じ項目が変更されました。管理者が確認するか元に戻します（競合…）。</translation>
    </message>
    <message>
        <source>Write a file to send</source>
        <translation>送信ファイルを作成</translation>
    </message>
    <message>
        <source>The changes the other offices do not hold yet are written to
{name}
in {folder}.
The file is encrypted with the agency's passphrase.</source>
        <translation>他の拠点がまだ持っていない変更を
{name}
（保存先: {folder}）
に書き出します。ファイルは代理店のパスフレーズで暗号化されます。</translation>
    </message>
    <message>
        <source>Import received files</source>
        <translation>受信ファイルを取り込む</translation>
    </message>
    <message>
        <source>Files to import ({count}):
{names}</source>
        <translation>取り込むファイル（{count} 件）:
{names}</translation>
    </message>
    <message>
        <source>Choose the exchange folder</source>
        <translation>交換フォルダーを選んでください</translation>
    </message>
    <message>
        <source>Exchange folder: {folder}
The other offices' new files there are imported, then this office's changes are left there for them.</source>
        <translation>交換フォルダー: {folder}
フォルダーにある他の拠点の新しいファイルを取り込み、この拠点の変更をファイルにして置きます。</translation>
    </message>
    <message>
        <source>Send and receive</source>
        <translation>送受信</translation>
    </message>
</context>
<context>
    <name>SyncStatusDialog</name>
    <message>
        <source>Sync status</source>
        <translation>同期状況</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>最終受信</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Files received</source>
        <translation>受信回数</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>&amp;Conflicts…</source>
        <translation>競合…(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>This PC's office</source>
        <translation>この PC の拠点</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>（まだ受信なし）</translation>
    </message>
    <message>
        <source>Nothing received for over a week</source>
        <translation>1週間以上受信なし</translation>
    </message>
    <message>
        <source>Nothing received yet (over a week)</source>
        <translation>1週間以上受信なし（まだ一度も受信していません）</translation>
    </message>
    <message>
        <source>Last file sent from this PC: {when}  {name}</source>
        <translation>この PC の最終送信: {when}　{name}</translation>
    </message>
    <message>
        <source>No file has been sent from this PC yet.</source>
        <translation>この PC からはまだ送信していません。</translation>
    </message>
    <message>
        <source>Conflicts waiting: {count}</source>
        <translation>未処理の競合 {count} 件</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>担当者</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Insurer</source>
        <translation>保険会社</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>お客様の声</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>チェックリスト</translation>
    </message>
    <message>
        <source>Follow-up case</source>
        <translation>フォロー案件</translation>
    </message>
    <message>
        <source>Checklist step</source>
        <translation>チェックリストの項目</translation>
    </message>
    <message>
        <source>Rules for elderly customers</source>
        <translation>高齢者対応のルール</translation>
    </message>
    <message>
        <source>Elderly customer record</source>
        <translation>高齢者募集の記録</translation>
    </message>
    <message>
        <source>Voice day</source>
        <translation>お客様の声の日</translation>
    </message>
    <message>
        <source>Voice day decision</source>
        <translation>お客様の声の日の決定</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改善</translation>
    </message>
    <message>
        <source>Circulation</source>
        <translation>回覧</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>KPI result</source>
        <translation>KPIの実績</translation>
    </message>
    <message>
        <source>Survey answer</source>
        <translation>アンケート回答</translation>
    </message>
    <message>
        <source>Meeting or training</source>
        <translation>会議・研修</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>資格</translation>
    </message>
    <message>
        <source>Relative contact</source>
        <translation>親族の連絡先</translation>
    </message>
    <message>
        <source>Files imported: {count}</source>
        <translation>取り込んだファイル: {count} 件</translation>
    </message>
    <message>
        <source>Records brought: {count}</source>
        <translation>追加・変更された記録: {count} 件</translation>
    </message>
    <message>
        <source>New conflicts: {count}</source>
        <translation>新しい競合: {count} 件</translation>
    </message>
    <message>
        <source> (see 競合…)</source>
        <translation>（送受信 › 競合… で確認してください）</translation>
    </message>
    <message>
        <source>  • {name}: from {branch}, made {made}, {records} records</source>
        <translation>  • {name}: 拠点 {branch}、{made} 作成、記録 {records} 件</translation>
    </message>
    <message>
        <source>This office has joined head office's agency (its master data came with the file).</source>
        <translation>この拠点は本部の代理店に加わりました（マスターデータも取り込みました）。</translation>
    </message>
    <message>
        <source>  • {name}: imported before, nothing to do</source>
        <translation>  • {name}: 取り込み済みです（何もしていません）</translation>
    </message>
    <message>
        <source>Files not imported: {count}</source>
        <translation>取り込めなかったファイル: {count} 件</translation>
    </message>
    <message>
        <source>File written: {name} ({changes} changes)
Folder: {folder}</source>
        <translation>作成したファイル: {name}（変更 {changes} 件）
フォルダー: {folder}</translation>
    </message>
    <message>
        <source>No file was written: the other offices already hold everything here.</source>
        <translation>送信ファイルは作成していません（他の拠点はこの拠点の変更をすべて受け取っています）。</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Edit meeting</source>
        <translation>会議・研修の編集</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>会議・研修の登録</translation>
    </message>
    <message>
        <source>e.g. 80 (empty: outcome entered by hand)</source>
        <translation>例: 80（空欄: 結果を手で入力）</translation>
    </message>
    <message>
        <source>Add &amp;re-test</source>
        <translation>再テストを追加(&amp;R)</translation>
    </message>
    <message>
        <source>Type the score; Space on the outcome switches it; Delete clears.</source>
        <translation>点数を入力します。結果の欄ではスペースで切り替え、Deleteで消去します。</translation>
    </message>
    <message>
        <source>&amp;Date held</source>
        <translation>実施日(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Participants</source>
        <translation>参加者(&amp;P)</translation>
    </message>
    <message>
        <source>Pass &amp;mark</source>
        <translation>合格点(&amp;M)</translation>
    </message>
    <message>
        <source>Res&amp;ults</source>
        <translation>結果(&amp;U)</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
    <message>
        <source>first</source>
        <translation>1回目</translation>
    </message>
    <message>
        <source>re-test {n}</source>
        <translation>再テスト{n}回目</translation>
    </message>
</context>
<context>
    <name>Trainings</name>
    <message>
        <source>Compliance meeting</source>
        <translation>コンプライアンス会議</translation>
    </message>
    <message>
        <source>Quality meeting</source>
        <translation>品質向上会議</translation>
    </message>
    <message>
        <source>Study session</source>
        <translation>勉強会</translation>
    </message>
    <message>
        <source>Role-play</source>
        <translation>ロールプレイング</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Re-test</source>
        <translation>再テスト</translation>
    </message>
    <message>
        <source>Date held</source>
        <translation>実施日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>合格点</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>社員</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>資格名</translation>
    </message>
    <message>
        <source>Obtained on</source>
        <translation>取得日</translation>
    </message>
    <message>
        <source>Lapses on</source>
        <translation>失効日</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>登録</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>re-test {n}</source>
        <translation>再テスト{n}回目</translation>
    </message>
    <message>
        <source>first</source>
        <translation>1回目</translation>
    </message>
    <message>
        <source>Score: {name} ({attempt})</source>
        <translation>点数: {name}（{attempt}）</translation>
    </message>
    <message>
        <source>Result: {name} ({attempt})</source>
        <translation>結果: {name}（{attempt}）</translation>
    </message>
    <message>
        <source>Only a meeting already held can be recorded.</source>
        <translation>実施済みの会議・研修だけを登録できます。</translation>
    </message>
    <message>
        <source>Tick at least one participant.</source>
        <translation>参加者を1人以上選んでください。</translation>
    </message>
    <message>
        <source>{name} is not on the staff list.</source>
        <translation>{name} は社員に登録されていません。</translation>
    </message>
    <message>
        <source>{name} is not ticked as a participant.</source>
        <translation>{name} は参加者に選ばれていません。</translation>
    </message>
    <message>
        <source>Results are kept for a role-play only.</source>
        <translation>結果はロールプレイングにだけ記録できます。</translation>
    </message>
    <message>
        <source>Enter a score from 0 to 100 (typed: {text}).</source>
        <translation>点数は0〜100の整数で入力してください（入力: {text}）。</translation>
    </message>
    <message>
        <source>The attempt number is not valid.</source>
        <translation>回数が正しくありません。</translation>
    </message>
    <message>
        <source>{score} points against a pass mark of {mark}: the outcome does not match.</source>
        <translation>{score}点・合格点{mark}点では、この結果になりません。</translation>
    </message>
    <message>
        <source>The day obtained is in the future.</source>
        <translation>取得日が未来の日付です。</translation>
    </message>
    <message>
        <source>It lapses before the day it was obtained.</source>
        <translation>失効日が取得日より前です。</translation>
    </message>
    <message>
        <source>{name} has role-play results: clear them first, then untick.</source>
        <translation>{name} にはロールプレイングの結果があります。先に結果を消してから外してください。</translation>
    </message>
    <message>
        <source>Enter a pass mark from 0 to 100, or leave it empty.</source>
        <translation>合格点は0〜100の整数で入力するか、空欄にしてください。</translation>
    </message>
    <message>
        <source>A result entered would no longer match this pass mark.</source>
        <translation>入力済みの結果がこの合格点と合わなくなります。</translation>
    </message>
    <message>
        <source>A role-play with results stays a role-play.</source>
        <translation>結果のあるロールプレイングは種類を変えられません。</translation>
    </message>
    <message>
        <source>Enter attempt {next} first.</source>
        <translation>先に{next}回目を入力してください。</translation>
    </message>
    <message>
        <source>A re-test follows only an attempt not passed.</source>
        <translation>再テストは「再テスト」となった回の後にだけ記録できます。</translation>
    </message>
    <message>
        <source>Only the latest attempt can be removed.</source>
        <translation>消せるのは最後の回だけです。</translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message>
        <source>FY{year}</source>
        <translation>{year}年度</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>実施日</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>&amp;New meeting</source>
        <translation>会議・研修を登録(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>履歴(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期間(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>・</translation>
    </message>
    <message>
        <source>{kind} {count}</source>
        <translation>{kind} {count}回</translation>
    </message>
    <message>
        <source>Role-plays: {took} took part, {first} passed at once, {retested} re-tested, {passed} passed in the end</source>
        <translation>ロールプレイング: 参加 {took}人・一回で合格 {first}人・再テスト {retested}人・最終合格 {passed}人</translation>
    </message>
    <message>
        <source>Held: {kinds}</source>
        <translation>実施: {kinds}</translation>
    </message>
    <message>
        <source>Remove meeting</source>
        <translation>会議・研修の削除</translation>
    </message>
    <message>
        <source>Remove {day} {theme} with its participants and results?</source>
        <translation>{day} {theme} を参加者・結果とともに削除しますか？</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
</context>
<context>
    <name>UndoNotice</name>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>元に戻す (Ctrl+Z)</translation>
    </message>
</context>
<context>
    <name>UnfreezeDialog</name>
    <message>
        <source>Unfreeze a period</source>
        <translation>確定の解除</translation>
    </message>
    <message>
        <source>Required: why the finalised figures must change</source>
        <translation>必須: 確定した数値を変更する理由</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期間(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>理由(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Unfreeze (Ctrl+Enter)</source>
        <translation>確定を解除する(&amp;U) (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
</context>
<context>
    <name>UnkeptDrafts</name>
    <message>
        <source>Staff not switched</source>
        <translation>担当者を切り替えていません</translation>
    </message>
    <message>
        <source>What you typed could not be saved as a draft ({reason}).
This form stays open: please save it (Ctrl+Enter) or cancel it (Esc) first, then switch staff.</source>
        <translation>入力中の内容を下書きとして保存できませんでした（{reason}）。
この画面は開いたままにしています。保存（Ctrl+Enter）またはキャンセル（Esc）をしてから、担当者を切り替えてください。</translation>
    </message>
    <message>
        <source>Quit?</source>
        <translation>終了の確認</translation>
    </message>
    <message>
        <source>What you typed could not be saved as a draft ({reason}). If you quit now, what you typed will be lost.</source>
        <translation>入力中の内容を下書きとして保存できませんでした（{reason}）。このまま終了すると、入力した内容は失われます。</translation>
    </message>
    <message>
        <source>Do not quit</source>
        <translation>終了しない</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>終了する</translation>
    </message>
</context>
<context>
    <name>VoiceDay</name>
    <message>
        <source>This is another office's voice day: that office records it. Here it can be read, not changed.</source>
        <translation>これは別の拠点の声の日です。記録はその拠点で行います。ここでは見るだけで、変更はできません。</translation>
    </message>
    <message>
        <source>Meeting day</source>
        <translation>会議の日</translation>
    </message>
    <message>
        <source>Range from</source>
        <translation>対象期間（開始）</translation>
    </message>
    <message>
        <source>Range to</source>
        <translation>対象期間（終了）</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>リーダー</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>締めた日時</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>締めた人</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>出席者</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改善</translation>
    </message>
    <message>
        <source>Meeting state</source>
        <translation>会議の状態</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>締め済</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>会議中</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>（分類なし）</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>共有済</translation>
    </message>
    <message>
        <source>To an improvement</source>
        <translation>改善へ</translation>
    </message>
    <message>
        <source>No improvement needed</source>
        <translation>改善不要</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>未決定</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>期限超過</translation>
    </message>
    <message>
        <source>Carried over from last time</source>
        <translation>前回から持越し</translation>
    </message>
    <message>
        <source>Same customer</source>
        <translation>同じお客様</translation>
    </message>
    <message>
        <source>Same category</source>
        <translation>同じ分類</translation>
    </message>
    <message>
        <source>Similar text</source>
        <translation>似た内容</translation>
    </message>
    <message>
        <source>Preview — start the meeting (Ctrl+Shift+W) to record decisions</source>
        <translation>プレビュー中です。会議を始める (Ctrl+Shift+W) と決定を記録できます。</translation>
    </message>
    <message>
        <source>Meeting in progress</source>
        <translation>会議中</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>対象期間の終わりが始まりより前です。</translation>
    </message>
    <message>
        <source>The range ends after the meeting day.</source>
        <translation>対象期間の終わりが会議の日より後です。</translation>
    </message>
    <message>
        <source>The range can be at most {days} days.</source>
        <translation>対象期間は{days}日以内にしてください。</translation>
    </message>
    <message>
        <source>This meeting has already been closed (perhaps on another PC). The screen shows it as it is now.</source>
        <translation>この会議はすでに締められています（ほかのパソコンで締められた可能性があります）。画面を最新の状態にしました。</translation>
    </message>
    <message>
        <source>This meeting is not closed.</source>
        <translation>この会議は締められていません。</translation>
    </message>
    <message>
        <source>This meeting is closed. Reopen it to change decisions, attendees or notes.</source>
        <translation>この会議は締め済です。決定・出席者・メモを変えるには、会議を再開してください。</translation>
    </message>
    <message>
        <source>Choose the improvement to link.</source>
        <translation>結びつける改善を選んでください。</translation>
    </message>
    <message>
        <source>Choose a decision.</source>
        <translation>決定を選んでください。</translation>
    </message>
    <message>
        <source>Choose a team.</source>
        <translation>チームを選んでください。</translation>
    </message>
    <message>
        <source>Only the meeting's leader or a manager can reopen it. Ask them to reopen it.</source>
        <translation>会議を再開できるのは、この会議のリーダーか管理者です。リーダーか管理者に再開を依頼してください。</translation>
    </message>
    <message>
        <source>Enter why no improvement is needed.</source>
        <translation>改善不要の理由を入力してください。</translation>
    </message>
    <message>
        <source>The notes you typed are kept on this PC and put back when this meeting is shown again.</source>
        <translation>入力したメモはこのパソコンに残してあり、次にこの会議を表示したときに欄へ戻します。</translation>
    </message>
    <message>
        <source>Notes you typed earlier were not saved: they are put back in the box and saved when you leave it.</source>
        <translation>保存されていないメモがあったため、欄に戻しました（欄を離れると保存します）。</translation>
    </message>
    <message>
        <source>Notes you typed earlier were not saved, and the meeting is closed: they are put back to copy, or to save once the meeting is reopened.</source>
        <translation>保存されていないメモがあります。会議は締められているため、コピーできるよう欄に戻しました。会議を再開すると保存できます。</translation>
    </message>
    <message>
        <source>Not saved: the meeting was closed. Your notes are kept; copy them, or reopen the meeting to save them.</source>
        <translation>会議が締められたため、保存していません。メモは残してあります。コピーするか、会議を再開してから保存してください。</translation>
    </message>
    <message>
        <source>This meeting was closed (perhaps on another PC) while you were typing notes. They are not saved, but kept in the box and on this PC: copy them, or reopen the meeting to save them.</source>
        <translation>メモの入力中にこの会議が締められました（ほかのパソコンで締められた可能性があります）。メモは保存していませんが、欄とこのパソコンに残してあります。コピーするか、会議を再開してから保存してください。</translation>
    </message>
</context>
<context>
    <name>VoiceDayPage</name>
    <message>
        <source>This office holds its own voice day: here it can be read, not changed.</source>
        <translation>この拠点の声の日は、その拠点で行います。ここでは見るだけです。</translation>
    </message>
    <message>
        <source>Start the meeting (Ctrl+Shift+W)</source>
        <translation>会議を始める (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <source>There is no earlier voice day for this team.</source>
        <translation>前回の声の日はありません</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Meeting day</source>
        <translation>会議の日</translation>
    </message>
    <message>
        <source>Voices from</source>
        <translation>対象期間</translation>
    </message>
    <message>
        <source>to</source>
        <translation>〜</translation>
    </message>
    <message>
        <source>Earlier voice days</source>
        <translation>これまでの声の日</translation>
    </message>
    <message>
        <source>The voices of the voice day</source>
        <translation>声の日の声</translation>
    </message>
    <message>
        <source>There are no voices in this range.</source>
        <translation>この期間の声はありません</translation>
    </message>
    <message>
        <source>This voice</source>
        <translation>この声</translation>
    </message>
    <message>
        <source>Meeting record</source>
        <translation>会議の記録</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>未完了の項目</translation>
    </message>
    <message>
        <source>Start the meeting</source>
        <translation>会議を始める</translation>
    </message>
    <message>
        <source>Mark as shared</source>
        <translation>共有済にする</translation>
    </message>
    <message>
        <source>Link to an improvement…</source>
        <translation>改善に結びつける…</translation>
    </message>
    <message>
        <source>No improvement needed…</source>
        <translation>改善不要…</translation>
    </message>
    <message>
        <source>Take the decision back</source>
        <translation>決定を取り消す</translation>
    </message>
    <message>
        <source>Move to another team…</source>
        <translation>別のチームへ移す…</translation>
    </message>
    <message>
        <source>Attendees…</source>
        <translation>出席者…</translation>
    </message>
    <message>
        <source>Close the meeting</source>
        <translation>会議を締める</translation>
    </message>
    <message>
        <source>Reopen the meeting…</source>
        <translation>会議を再開…</translation>
    </message>
    <message>
        <source>Meeting history…</source>
        <translation>会議の履歴…</translation>
    </message>
    <message>
        <source>Next voice</source>
        <translation>次の声</translation>
    </message>
    <message>
        <source>Previous voice</source>
        <translation>前の声</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>文字を大きく</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>文字を小さく</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>文字を標準の大きさに</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>印刷プレビュー</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>PDFに保存…</translation>
    </message>
    <message>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <source>Enter a date.</source>
        <translation>日付を入力してください。</translation>
    </message>
    <message>
        <source>{count} voices ({undecided} not decided)</source>
        <translation>声 {count} 件（未決定 {undecided} 件）</translation>
    </message>
    <message>
        <source>{count} voices</source>
        <translation>声 {count} 件</translation>
    </message>
    <message>
        <source>Choose to open…</source>
        <translation>選ぶと開きます…</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>締め済</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>会議中</translation>
    </message>
    <message>
        <source>The meeting has started: decisions are recorded now.</source>
        <translation>会議を始めました。ここからの決定は記録されます。</translation>
    </message>
    <message>
        <source>The decision on 「{summary}」 was taken back.</source>
        <translation>「{summary}」の決定を取り消しました。</translation>
    </message>
    <message>
        <source>There is no other team to move the voice to.</source>
        <translation>移せるほかのチームがありません。</translation>
    </message>
    <message>
        <source>Moved to {team}: it is now on that team's voice day.</source>
        <translation>{team}へ移しました。{team}の声の日で扱います。</translation>
    </message>
    <message>
        <source>The {count} voices not yet decided will be marked as shared, and the meeting closed.</source>
        <translation>未決定の声 {count}件を共有済にして締めます。</translation>
    </message>
    <message>
        <source>The meeting is closed ({count} voices marked as shared).</source>
        <translation>会議を締めました（共有済にした声: {count}件）。</translation>
    </message>
    <message>
        <source>The meeting is open again.</source>
        <translation>会議を再開しました。</translation>
    </message>
    <message>
        <source>{team} — voice day of {day}</source>
        <translation>{team}　{day} の声の日</translation>
    </message>
    <message>
        <source>Meeting history</source>
        <translation>会議の履歴</translation>
    </message>
    <message>
        <source>Not saved yet (saved when you leave the box)</source>
        <translation>まだ保存していません（欄を離れると保存します）</translation>
    </message>
    <message>
        <source>Notes saved at {time}.</source>
        <translation>{time} にメモを保存しました。</translation>
    </message>
    <message>
        <source>Saved by someone else: {notes}</source>
        <translation>ほかの人が保存したメモ: {notes}</translation>
    </message>
    <message>
        <source>Another leader saved the notes meanwhile. Your text is kept in the box; their notes are shown under it. Leave the box again to save yours.</source>
        <translation>ほかのリーダーが先にメモを保存しました。入力した文は欄に残っています（保存されたメモは欄の下に表示しています）。もう一度欄を離れると、入力した文で保存します。</translation>
    </message>
    <message>
        <source>Preparing the sheet…</source>
        <translation>印刷用の資料を準備しています…</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>PDFに保存</translation>
    </message>
    <message>
        <source>Saved as PDF ({pages} pages): {path}</source>
        <translation>PDFに保存しました（{pages}ページ）: {path}</translation>
    </message>
</context>
<context>
    <name>VoiceDetailPanel</name>
    <message>
        <source>Call-back made</source>
        <translation>折り返し済</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <source>Start work</source>
        <translation>対応開始</translation>
    </message>
    <message>
        <source>Mark as done…</source>
        <translation>完了にする…</translation>
    </message>
    <message>
        <source>Close without action…</source>
        <translation>見送る…</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>再開…</translation>
    </message>
    <message>
        <source>Mark call-back as made…</source>
        <translation>折り返し済にする…</translation>
    </message>
    <message>
        <source>Customer record</source>
        <translation>お客様情報</translation>
    </message>
    <message>
        <source>From a survey answer</source>
        <translation>アンケート回答から</translation>
    </message>
    <message>
        <source>Open a case…</source>
        <translation>案件を作成…</translation>
    </message>
    <message>
        <source>Similar earlier voices</source>
        <translation>似た声の一覧</translation>
    </message>
    <message>
        <source>{date}  — Overdue</source>
        <translation>{date}　期限超過</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>（匿名）</translation>
    </message>
</context>
<context>
    <name>VoiceFormDialog</name>
    <message>
        <source>Edit voice</source>
        <translation>お客様の声の編集</translation>
    </message>
    <message>
        <source>New voice</source>
        <translation>新規登録</translation>
    </message>
    <message>
        <source>Name, kana or phone to find a customer; empty if anonymous</source>
        <translation>氏名・フリガナ・電話番号で検索（匿名なら空欄）</translation>
    </message>
    <message>
        <source>Required: what the voice is about, in one line</source>
        <translation>必須：どのような声か一行で</translation>
    </message>
    <message>
        <source>What the customer said (Tab moves to the next field)</source>
        <translation>お客様のお話の内容（Tab キーで次の項目へ）</translation>
    </message>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回の入力途中の内容を復元しました。</translation>
    </message>
    <message>
        <source>Similar earlier voices</source>
        <translation>似た声の一覧</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。赤枠の項目を直してください。</translation>
    </message>
</context>
<context>
    <name>VoiceLinkDialog</name>
    <message>
        <source>Add a voice this improvement answers</source>
        <translation>改善の対象に声を追加</translation>
    </message>
    <message>
        <source>Words of the voice: summary, details or customer</source>
        <translation>声の言葉：要旨・内容・お客様名</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>検索(&amp;S)</translation>
    </message>
    <message>
        <source>Voices found</source>
        <translation>見つかった声</translation>
    </message>
    <message>
        <source>Link (Enter)</source>
        <translation>追加 (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>閉じる (Esc)</translation>
    </message>
    <message>
        <source>(linked already) {voice}</source>
        <translation>（追加済）{voice}</translation>
    </message>
    <message>
        <source>{count} voices found</source>
        <translation>{count}件見つかりました</translation>
    </message>
    <message>
        <source>No voice holds these words.</source>
        <translation>この言葉を含む声はありません。</translation>
    </message>
    <message>
        <source>This improvement answers that voice already.</source>
        <translation>その声はすでにこの改善の対象です。</translation>
    </message>
</context>
<context>
    <name>VoiceListModel</name>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>要旨</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>決定</translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Earlier voices that look alike</source>
        <translation>似た過去の声</translation>
    </message>
    <message>
        <source>Due {date}</source>
        <translation>期限 {date}</translation>
    </message>
    <message>
        <source>Decision: {text}</source>
        <translation>決定: {text}</translation>
    </message>
    <message>
        <source>Looking for earlier voices…</source>
        <translation>過去の声を探しています…</translation>
    </message>
    <message>
        <source>Earlier voices could not be looked for: {reason}</source>
        <translation>過去の声を探せませんでした: {reason}</translation>
    </message>
    <message>
        <source>Enter opens it in the voice list</source>
        <translation>Enter キーで声の一覧に開きます</translation>
    </message>
    <message>
        <source>{count} earlier voices look alike. Enter opens one.</source>
        <translation>似た声が過去に{count}件あります。Enter キーで開きます。</translation>
    </message>
    <message>
        <source>The text is too short, so no similar voices were looked for.</source>
        <translation>文章が短いため、似た声は探していません</translation>
    </message>
    <message>
        <source>No similar voices were found.</source>
        <translation>似た声は見つかりませんでした</translation>
    </message>
</context>
<context>
    <name>VoiceTableModel</name>
    <message>
        <source>Received</source>
        <translation>受付日時</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>拠点</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>お客様</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>要旨</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状況</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>担当</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Call-back</source>
        <translation>折り返し</translation>
    </message>
    <message>
        <source>Click to sort</source>
        <translation>クリックで並べ替え</translation>
    </message>
    <message>
        <source>{date} Overdue</source>
        <translation>{date} 超過</translation>
    </message>
    <message>
        <source>Today {time}</source>
        <translation>本日 {time}</translation>
    </message>
    <message>
        <source>Made {time}</source>
        <translation>済 {time}</translation>
    </message>
    <message>
        <source>{time} missed</source>
        <translation>{time} 未連絡</translation>
    </message>
    <message>
        <source>Past the due date and not yet closed</source>
        <translation>期限を過ぎていて、まだ完了していません</translation>
    </message>
    <message>
        <source>The promised call-back has been made</source>
        <translation>約束した折り返しは済んでいます</translation>
    </message>
    <message>
        <source>A call-back is promised for today</source>
        <translation>今日、折り返しの約束があります</translation>
    </message>
    <message>
        <source>A promised call-back is past and the voice is still open</source>
        <translation>折り返しの約束の時刻を過ぎていて、まだ完了していません</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source>e.g. 15:00 / tomorrow 10:00 / +2h</source>
        <translation>例: 15時 / 明日10時 / +2h</translation>
    </message>
    <message>
        <source>e.g. 4/1 / R7.4.1 / tomorrow</source>
        <translation>例: 4/1 / R7.4.1 / 明日</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明日</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>火</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>水</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>木</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>金</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>土</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Discard entry?</source>
        <translation>入力内容の破棄</translation>
    </message>
    <message>
        <source>Discard what you have typed?</source>
        <translation>入力した内容を破棄しますか？</translation>
    </message>
    <message>
        <source>The text you typed will be lost.</source>
        <translation>入力した内容は失われます。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <source>Back to input</source>
        <translation>入力に戻る</translation>
    </message>
</context>
</TS>
