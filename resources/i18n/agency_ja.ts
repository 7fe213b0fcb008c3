<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
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
</TS>
