<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../gui/action_widgets.py" line="+157"/>
        <source>确定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../gui/app.py" line="+69"/>
        <source>发生意外错误：{error}
详细信息已记录到日志文件：
{path}
您可以继续工作；如问题反复出现，请把日志文件发给管理员。</source>
        <translation>Unexpected error: {error}
The details were written to the log file:
{path}
You can keep working; if it happens again, send the log file to your administrator.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库：{target}</source>
        <translation>Database: {target}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择其他数据库…</source>
        <translation>Choose another database…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择数据文件</source>
        <translation>Choose the data file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据文件 (*.db);;所有文件 (*)</source>
        <translation>Data files (*.db);;All files (*)</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>正在生成演示数据…</source>
        <translation>Generating the demo data…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>本机</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>首问台</source>
        <translation>FirstDesk</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="+143"/>
        <source>指派本部门他人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>承办人</source>
        <translation type="unfinished">Handler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择承办人。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../gui/detail_widgets.py" line="+186"/>
        <source>来访人</source>
        <translation type="unfinished">Visitor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>渠道/类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办事事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>承办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation type="unfinished">Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>到期 {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（已延期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ 到期年份缺少官方节假日安排</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>匿名</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source> · 来访 %n 次</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>待签收：{who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>去向：{place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>评价：{level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>原件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} {kind}{copies}份 {pages}页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} {kind}{copies}份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缺</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../gui/case_list.py" line="+61"/>
        <source>搜索：编号 / 姓名 / 电话 / 事项（扫码枪可直接扫编号）</source>
        <translation>Search: number / name / phone / matter (scan a case number)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部（含已办结）</source>
        <translation>All (including closed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记日期</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>找不到事项 {number}</source>
        <translation>No case {number}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>该事项已不在此列表中，详情见下方</source>
        <translation>Not in this list any more; see the details below</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>共 {n} 件</source>
        <translation>{n} cases</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../gui/case_model.py" line="+68"/>
        <source>编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>点击按此列排序</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>(匿名)</source>
        <translation>(anonymous)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>待 {who} 签收</source>
        <translation>Awaiting {who}</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="+77"/>
        <source>联系办事人</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DepartmentStaffPicker</name>
    <message>
        <location filename="../../gui/action_widgets.py" line="-51"/>
        <source>请选择部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（不指定，由部门签收）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承办人</source>
        <translation type="unfinished">Handler</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../gui/detail_pane.py" line="+53"/>
        <location line="+63"/>
        <source>在上方列表中选择一个事项查看详情</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-48"/>
        <source>打印</source>
        <translation type="unfinished">Print</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>签收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本人办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>领导指派</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核实隐患</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>答复结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补正告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>材料已补齐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>指派本部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请示领导</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知去向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>催办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系办事人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>申请延期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批延期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>再次来访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>回执</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转办单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知去向单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>隐患报告单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理记录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueRenderer</name>
    <message>
        <location filename="../../gui/case_model.py" line="-237"/>
        <source>暂停(补正)</source>
        <translation>Paused (materials)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>等待补正材料，时限暂停计算</source>
        <translation>Waiting for missing materials; the clock is paused</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>到期时间：{when}</source>
        <translation>Due: {when}</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>超期 %n天</source>
        <translation>
            <numerusform>Overdue %n day</numerusform>
            <numerusform>Overdue %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>超期 %n小时</source>
        <translation>
            <numerusform>Overdue %n hour</numerusform>
            <numerusform>Overdue %n hours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>今日到期 {time}</source>
        <translation>Due today {time}</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>剩%n小时</source>
        <translation>
            <numerusform>%n hour left</numerusform>
            <numerusform>%n hours left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>剩%n个工作日</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DueView</name>
    <message numerus="yes">
        <location filename="../../gui/intake_widgets.py" line="+225"/>
        <source>%n 小时内核实</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>立即上报安全管理部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即办</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n 个工作日</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结：{due}（{span}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ {year} 年的法定节假日安排尚未录入，到期时间暂按周一至周五计算，请管理员补录工作日历。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="-158"/>
        <source>请示领导</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请示事由</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location line="+273"/>
        <source>登记评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>评价</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtensionDecisionDialog</name>
    <message>
        <location line="-26"/>
        <source>审批延期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申请延至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不批准</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location line="-65"/>
        <source>申请延期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>必填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延期至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>延期后的时间必须晚于原到期时间。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写延期理由。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../gui/app.py" line="-180"/>
        <source>首次使用 · 首问台</source>
        <translation>First start · FirstDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开演示机构（示例数据，所有账号密码 demo1234）</source>
        <translation>Open the demo organisation (sample data; every password is demo1234)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>创建本机构和第一个管理员</source>
        <translation>Create this organisation and its first administrator</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>机构名称</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构类型</source>
        <translation>Organisation type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员用户名</source>
        <translation>Administrator user name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员姓名</source>
        <translation>Administrator name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次输入密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>这个数据库还没有机构。请选择：</source>
        <translation>This database has no organisation yet. Choose:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message>
        <location filename="../../gui/intake_widgets.py" line="-71"/>
        <source>编号</source>
        <translation type="unfinished">Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation type="unfinished">Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation type="unfinished">Status</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../gui/intake.py" line="+93"/>
        <source>手机或带区号的固话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>匿名（不记录身份，不答复结果）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>来访人</source>
        <translation type="unfinished">Visitor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>渠道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation type="unfinished">Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation type="unfinished">Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>输入事项名称或编码，自动补全</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>全部收齐</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation type="unfinished">Matter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办事事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收取材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>处理方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存登记 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存并打印回执 (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+107"/>
        <source>该号码的既往事项（%n 件）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>即办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>承诺 %n 个工作日</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location line="+84"/>
        <source>✓ 已登记 {number}（{status}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaderAssignDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="-155"/>
        <source>领导指派</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="+87"/>
        <source>首问台 · {org}</source>
        <translation>FirstDesk · {org}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项(&amp;C)</source>
        <translation>&amp;Cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+297"/>
        <source>关于首问台</source>
        <translation>About FirstDesk</translation>
    </message>
    <message>
        <location line="-283"/>
        <source>我的工作</source>
        <translation>My work</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待我签收</source>
        <translation>Waiting for me</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部事项</source>
        <translation>All cases</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新登记</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来电登记</source>
        <translation>Phone log</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>数据库: {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本机</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印功能尚未安装。</source>
        <translation>Printing is not installed.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{n} 件待签收</source>
        <translation>{n} to accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} 件超期</source>
        <translation>{n} overdue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>我的事项中超期 {mine} 件；全部超期 {all} 件</source>
        <translation>{mine} of my cases are overdue; {all} overdue in all</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>无法读取数据库，稍后自动重试。</source>
        <translation>Cannot read the database; retrying shortly.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>有 {n} 件事项转给您，请及时签收</source>
        <translation>{n} case(s) were transferred to you; please accept them</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>首问台</source>
        <translation>FirstDesk</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>首问台 FirstDesk {version}
首问责任制事项登记与跟踪

数据文件夹：{data}
日志文件：{log}
数据库：{db}</source>
        <translation>FirstDesk {version}
Cases under the first-inquiry responsibility system

Data folder: {data}
Log file: {log}
Database: {db}</translation>
    </message>
</context>
<context>
    <name>MaterialsRequestDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="+36"/>
        <source>补正告知（暂停计时）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>缺少的材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其他材料，多个用“、”分隔</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请至少列出一项缺少的材料。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MaterialsTable</name>
    <message>
        <location filename="../../gui/materials_table.py" line="+72"/>
        <source>收到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>材料名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原件/复印件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>份数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>页数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>空格键：收到 / 未收到</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>非必需材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复印件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="+15"/>
        <source>答复办理结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneLogPage</name>
    <message>
        <location filename="../../gui/phone_log.py" line="+57"/>
        <location line="+26"/>
        <source>来电号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-24"/>
        <source>匿名来电</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>一句话概括来电事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已答复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>转办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请示领导</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存来电 (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>来电登记</source>
        <translation type="unfinished">Phone log</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <source>来电人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-13"/>
        <source>类型</source>
        <translation type="unfinished">Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来电事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详细内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation type="unfinished">Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编号</source>
        <translation type="unfinished">Case number</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本次登录的来电</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+113"/>
        <source>匿名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>✓ 已登记 {number}（{status}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../gui/print_preview.py" line="+78"/>
        <source>打印预览 — {doc}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A4 纸</source>
        <translation type="unfinished">A4 paper</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A5 纸</source>
        <translation type="unfinished">A5 paper</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>80mm 热敏小票</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打印设置…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>份数、双面、页码范围</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机</source>
        <translation type="unfinished">Printer</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>打印</source>
        <translation type="unfinished">Print</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印 (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>另存为 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>（本机没有安装打印机）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+2"/>
        <source>正在生成…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>生成的 PDF 无法打开（{error}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>打印预览 — {doc} {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>共 {n} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法生成{doc}。请检查后重试，或换一种格式。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+84"/>
        <location line="+22"/>
        <source>打印失败。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-16"/>
        <source>已发送到打印机“{name}”，共 {n} 页。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>也可以先“另存为 PDF”，到有打印机的电脑上打印。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有安装打印机，无法打印。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到打印机“{name}”，它可能已被删除或改名。请在列表中另选一台。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机“{name}”脱机或出错，文档没有打印。请检查电源、连接线和纸张后重试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法连接打印机“{name}”，文档没有打印。请检查打印机后重试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机“{name}”换页失败，文档可能没有打印完整。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机“{name}”报告错误，文档可能没有打印完整。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有可打印的内容：文档尚未生成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有打印。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>无法保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法保存文件“{path}”：{reason}
请换一个文件夹或文件名再试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已保存：{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="+20"/>
        <source>告知去向（非本单位职责）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>单位名称、地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>去向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写去向。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location line="-184"/>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理结果</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location line="-7"/>
        <source>退回（非本部门职责）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回理由</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <location filename="../../gui/intake_scope.py" line="+74"/>
        <source>当场答复的内容（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>告知去向：单位、地址（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>对方联系方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>答复内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由我本人办理，按承诺时限办结。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本部门承办人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对方须签收或退回。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>职责不清或责任人联系不上：报分管领导指派。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人暂时联系不上：先登记暂存，稍后移交，仍由我负责跟进。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>当场答复</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本人办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本部门他人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>转其他部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请示领导</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知去向</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂存稍后移交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>请选择本部门的承办人。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择承办部门。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/settings_dialog.py" line="+65"/>
        <location line="+154"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机数据文件（SQLite）</source>
        <translation>Data file on this PC (SQLite)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共享服务器（PostgreSQL）</source>
        <translation>Shared server (PostgreSQL)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地址</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>更换数据库在重新启动程序后生效。</source>
        <translation>A new database takes effect after a restart.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>界面与打印</source>
        <translation>Display and printing</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A4 纸</source>
        <translation>A4 paper</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A5 纸</source>
        <translation>A5 paper</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>80 毫米小票</source>
        <translation>80 mm receipt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>留空使用系统默认打印机</source>
        <translation>Empty: the system default printer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回执单格式</source>
        <translation>Slip format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更换语言在重新启动程序后生效。</source>
        <translation>A new language takes effect after a restart.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>机构信息</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>机构名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>咨询电话</source>
        <translation>Enquiry phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取件地点</source>
        <translation>Pickup place</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有系统管理员可以修改机构信息。</source>
        <translation>Only an administrator can change the organisation.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>选择数据文件</source>
        <translation>Choose the data file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据文件 (*.db);;所有文件 (*)</source>
        <translation>Data files (*.db);;All files (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请填写数据库地址。</source>
        <translation>Enter the database address.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>连接成功：{target}</source>
        <translation>Connected: {target}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>设置已保存。更换的数据库或语言在重新启动程序后生效。</source>
        <translation>Settings saved. A new database or language takes effect after a restart.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../gui/signin.py" line="+36"/>
        <source>登录 · 首问台</source>
        <translation>Sign in · FirstDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>首问台</source>
        <translation>FirstDesk</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+11"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>登录提示</source>
        <translation>Sign-in message</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次输入</source>
        <translation>Again</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>请输入用户名。</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>管理员重置了您的密码，请设置新密码后继续。</source>
        <translation>An administrator reset your password; choose a new one to continue.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="-26"/>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>必填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写内容。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../gui/timeline_view.py" line="+32"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>环节</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 → 至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+22"/>
        <source>尚未签收</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>（{span}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签收于 {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>被退回 {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未签收，已自动上报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未签收，已改派</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>缺：{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>方式：{method}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>去向：{place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（联系：{contact}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请延至 {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新到期 {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>计时恢复，到期 {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改期限 {due}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../gui/action_dialogs.py" line="+55"/>
        <source>转办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>转办说明，如“需现场核验”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择承办部门。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UrgeDialog</name>
    <message>
        <location line="-40"/>
        <source>催办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>催办说明</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyHazardDialog</name>
    <message>
        <location line="+12"/>
        <source>核实隐患</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核实情况</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location line="-7"/>
        <source>登记再次来访</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来访说明</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Choice</name>
    <message>
        <location line="+230"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_OriginalDelegate</name>
    <message>
        <location filename="../../gui/materials_table.py" line="-89"/>
        <source>原件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../gui/print_preview.py" line="-95"/>
        <source>打印设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>另存为 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../gui/printing.py" line="+175"/>
        <source>打印</source>
        <translation type="unfinished">Print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不认识的单据类型：{kind}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
