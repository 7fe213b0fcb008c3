<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Customer voices</source>
        <translation>お客様の声</translation>
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
        <source>Enter or double-click opens the voice.</source>
        <translation>Enter またはダブルクリックで開きます。</translation>
    </message>
    <message>
        <source>Mark as made</source>
        <translation>折り返し済にする</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
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
    <name>HistoryPanel</name>
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
    <name>Labels</name>
    <message>
        <source>Praise</source>
        <translation>感謝</translation>
    </message>
    <message>
        <source>Dissatisfaction</source>
        <translation>不満</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>要望</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>来店</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>訪問</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>郵送</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>メール</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>アンケート</translation>
    </message>
    <message>
        <source>Other channel</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>Life</source>
        <translation>生保</translation>
    </message>
    <message>
        <source>Non-life (auto)</source>
        <translation>損保（自動車）</translation>
    </message>
    <message>
        <source>Non-life (fire)</source>
        <translation>損保（火災）</translation>
    </message>
    <message>
        <source>Non-life (accident)</source>
        <translation>損保（傷害）</translation>
    </message>
    <message>
        <source>Non-life (other)</source>
        <translation>損保（新種・その他）</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>団体</translation>
    </message>
    <message>
        <source>New</source>
        <translation>未対応</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>対応中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Closed without action</source>
        <translation>見送り</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>苦情</translation>
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
        <source>Today&apos;s call-backs</source>
        <translation>今日の折り返し</translation>
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
        <source>Quit</source>
        <translation>終了</translation>
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
        <source>Staff: {name}</source>
        <translation>担当者: {name}</translation>
    </message>
    <message>
        <source>Customer voices — {name}</source>
        <translation>お客様の声 — {name}</translation>
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
        <source>Enter a date and time like 2025/04/01 09:30.</source>
        <translation>日時は 2025/04/01 09:30 のように入力してください。</translation>
    </message>
    <message>
        <source>Enter a date like 2025/04/01.</source>
        <translation>日付は 2025/04/01 のように入力してください。</translation>
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
        <source>{count} checklist steps are still open.</source>
        <translation>未完了のチェック項目が {count} 件あります。</translation>
    </message>
    <message>
        <source>Please check this field.</source>
        <translation>入力内容を確認してください。</translation>
    </message>
    <message>
        <source>There is not enough free disk space. Nothing was lost: your entry is still here and kept as a draft.</source>
        <translation>ディスクの空き容量が足りないため保存できませんでした。入力内容は消えていません（画面に残り、下書きとして保管されています）。</translation>
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
        <source>This database was made by a newer version of the application. Use version {version} or later.</source>
        <translation>このデータベースは新しいバージョンのアプリで作成されています。バージョン {version} 以降のアプリをお使いください。</translation>
    </message>
    <message>
        <source>The database could not be opened: {path}</source>
        <translation>データベースを開けませんでした: {path}</translation>
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
        <source>This database was written by a newer version of the application.
Please open it with version {version} or later.

{path}</source>
        <translation>このデータベースは新しいバージョンのアプリで作成されています。
バージョン {version} 以降のアプリで開いてください。

{path}</translation>
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
        <source>The database cannot be opened</source>
        <translation>データベースを開けません</translation>
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
        <source>Call-back made</source>
        <comment>button</comment>
        <translation>折り返し済にする</translation>
    </message>
    <message>
        <source>{date}  — Overdue</source>
        <translation>{date}&#x3000;期限超過</translation>
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
        <source>Leave empty if the customer is anonymous</source>
        <translation>匿名の場合は空欄</translation>
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
        <source>Save (Ctrl+Enter)</source>
        <translation>保存 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>キャンセル (Esc)</translation>
    </message>
    <message>
        <source>Restored the entry you were typing last time.</source>
        <translation>前回の入力途中の内容を復元しました。</translation>
    </message>
    <message>
        <source>Nothing was saved. Please correct the marked fields.</source>
        <translation>保存していません。赤枠の項目を直してください。</translation>
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
