<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountabilityPage</name>
    <message>
        <location filename="../../gui/supervision/accountability_page.py" line="+120"/>
        <location filename="../../gui/supervision/violation_panel.py" line="+48"/>
        <source>待审核</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../gui/supervision/violation_panel.py" line="+1"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../gui/supervision/violation_panel.py" line="+1"/>
        <source>已驳回</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部人员</source>
        <translation>All staff</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+108"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="-108"/>
        <location line="+108"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+173"/>
        <source>确认所选…</source>
        <translation>Confirm selected…</translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+172"/>
        <source>驳回所选…</source>
        <translation>Dismiss selected…</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>在列表中按住 Ctrl 或 Shift 选择多条待审核记录，一次确认或驳回</source>
        <translation>Hold Ctrl or Shift to select several records awaiting review, then confirm or dismiss them at once</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记投诉…</source>
        <translation>Record complaint…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记表扬…</source>
        <translation>Record commendation…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>清单列出待审核</source>
        <translation>Include pending in list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问责清单 PDF</source>
        <translation>Accountability list PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预览并打印…</source>
        <translation>Preview and print…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>（自动检测于 {at}）</source>
        <translation> (checked automatically at {at})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {n} 条，其中待审核 {p} 条</source>
        <translation>{n} records, {p} pending</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>驳回：{reason}</source>
        <translation>Dismissed: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>责任人</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>情形</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>发生时间</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+155"/>
        <source>责任追究</source>
        <translation>Accountability</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>自动检测新增 {n} 条待审核。</source>
        <translation>Found automatically: {n} new to review. </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>确认所选 ({n})…</source>
        <translation>Confirm selected ({n})…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>驳回所选 ({n})…</source>
        <translation>Dismiss selected ({n})…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <location line="+11"/>
        <location line="+8"/>
        <location line="+7"/>
        <location line="+7"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>已处理 {n} 条。</source>
        <translation>{n} decided. </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>表扬已登记，将列入本月问责清单</source>
        <translation>Commendation recorded; it will appear on this month&apos;s accountability list</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <source>问责清单</source>
        <translation>Accountability list</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>问责清单另存为 PDF</source>
        <translation>Save accountability list as PDF</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导出问责清单</source>
        <translation>Export accountability list</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../gui/desk/action_widgets.py" line="+160"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../gui/admin/page.py" line="+58"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{y}年</source>
        <translation>{y}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{years}的法定节假日安排尚未录入，期间的到期时间暂按周一至周五计算。国务院办公厅公布放假安排后，请在“工作日历”中导入。</source>
        <translation>The public holidays for {years} have not been entered; due times in that period assume Monday to Friday for now. Import the schedule under “Working calendar” once the State Council General Office publishes it.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（受影响的在办事项 {n} 件）</source>
        <translation> (open cases affected: {n})</translation>
    </message>
    <message>
        <location line="+243"/>
        <source>人员与部门</source>
        <translation>Staff and departments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项清单维护</source>
        <translation>Catalogue maintenance</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>工作日历</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>机构设置</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据保留</source>
        <translation>Data retention</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../gui/app.py" line="+80"/>
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
        <location line="+12"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库：{target}</source>
        <translation>Database: {target}</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+51"/>
        <source>数据库服务器 {target} 的密码：</source>
        <translation>Password for the database server {target}:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有系统凭据存储，密码不会保存在本机，每次启动时需要输入。</source>
        <translation>This computer has no system credential store: the password is not saved here and is asked for at each start.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>连接数据库</source>
        <translation>Connect to the database</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>正在打开登记簿…
首次使用新版本时需要整理数据，可能需要一两分钟，请勿关闭程序。</source>
        <translation>Opening the register…
The first start of a new version reorganises the data; this can take a minute or two. Please do not close the program.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>正在生成演示数据…</source>
        <translation>Generating the demo data…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>本机</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+98"/>
        <location line="+30"/>
        <source>首问台</source>
        <translation>FirstDesk</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+158"/>
        <source>指派本部门他人</source>
        <translation>Assign within department</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>承办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择承办人。</source>
        <translation>Choose a handler.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../gui/supervision/audit_page.py" line="+274"/>
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项记录</source>
        <translation>Case events</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统审计</source>
        <translation>System audit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>审计记录只能查看，任何角色都不能修改或删除。</source>
        <translation>Audit records are read-only; no role can change or delete them.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>全部人员</source>
        <translation>All staff</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>含转给/转自此人</source>
        <translation>Incl. transfers to/from</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部环节</source>
        <translation>All steps</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>事项编号或日期前缀</source>
        <translation>Case no. or date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>最新在前</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最早在前</source>
        <translation>Oldest first</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>双击打开事项</source>
        <translation>Double-click to open the case</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>校验完整性</source>
        <translation>Verify integrity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>逐条核对哈希链，找出被改动或删除的记录</source>
        <translation>Check the hash chain record by record to find changed or deleted records</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>操作人</source>
        <translation>Actor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在计数…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>正在校验…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>共 {n} 条，发现 {k} 条被改动或删除的痕迹，序号：{ids}</source>
        <translation>{n} records; {k} show signs of being changed or deleted, at sequence numbers: {ids}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {n} 条，全部完整</source>
        <translation>{n} records, all intact</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>审计记录</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>AutoBackupDialog</name>
    <message>
        <location filename="../../gui/admin/backup.py" line="+106"/>
        <source>自动备份设置</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每天自动备份一次</source>
        <translation>Back up automatically once a day</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保留最近</source>
        <translation>Keep the latest</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>程序运行期间每小时检查一次：当天还没有备份就备份一次，并删除较早的备份。</source>
        <translation>While the program runs it checks every hour: if there is no backup for today yet, it makes one and deletes older backups.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只在本机（{host}）运行；最好选另一块硬盘或移动硬盘上的文件夹。</source>
        <translation>Runs only on this PC ({host}); a folder on another disk or a removable drive is best.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>目前设置在电脑 {host} 上运行，保存后改为本机。</source>
        <translation>Currently set to run on the PC {host}; saving moves it to this PC.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>本机没有 pg_dump（PostgreSQL 客户端工具），无法备份共享数据库。</source>
        <translation>This PC has no pg_dump (PostgreSQL client tools), so the shared database cannot be backed up.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
</context>
<context>
    <name>BackupController</name>
    <message>
        <location line="+26"/>
        <location line="+47"/>
        <source>备份 %p%</source>
        <translation>Backup %p%</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>SQL 备份 (*.sql)</source>
        <translation>SQL backup (*.sql)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据文件备份 (*.db)</source>
        <translation>Data file backup (*.db)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+34"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在校验备份…</source>
        <translation>Checking the backup…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>备份完成：{path}（{size:.1f} MB）</source>
        <translation>Backup complete: {path} ({size:.1f} MB)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+11"/>
        <location line="+11"/>
        <location line="+16"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>共享数据库（PostgreSQL）请由数据库管理员在服务器上恢复：
psql -d 数据库名 -f 备份文件.sql
恢复前请先关闭所有窗口的首问台。</source>
        <translation>A shared database (PostgreSQL) must be restored on the server by the database administrator:
psql -d database_name -f backup_file.sql
Close FirstDesk on every PC before restoring.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数据文件备份 (*.db);;所有文件 (*)</source>
        <translation>Data file backups (*.db);;All files (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>不是有效的备份文件：{path}</source>
        <translation>Not a valid backup file: {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>将用备份文件
    {source}
    （{n} 件事项，{stamp} 保存）
替换当前数据
    {target}
    （现有 {m} 件事项）。

当前数据会先另存一份在同一文件夹。恢复后需要重新登录，其他电脑上的首问台也请重新打开。

确定恢复吗？</source>
        <translation>The current data
    {target}
    ({m} cases now)
will be replaced by the backup file
    {source}
    ({n} cases, saved {stamp}).

A copy of the current data is saved in the same folder first. After restoring you must sign in again; please also restart FirstDesk on the other PCs.

Restore now?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法读取</source>
        <translation>Cannot read</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{reason}
当前数据没有改动。</source>
        <translation>{reason}
The current data has not been changed.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已从备份恢复，现有 {n} 件事项。恢复前的数据已另存为：
{kept}

请重新登录。</source>
        <translation>Restored from backup; {n} cases now. The data from before the restore was saved as:
{kept}

Please sign in again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>自动备份已开启：{folder}，保留 {n} 份</source>
        <translation>Automatic backup on: {folder}, keeping {n} copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动备份已关闭</source>
        <translation>Automatic backup off</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>今日自动备份已完成：{path}</source>
        <translation>Today&apos;s automatic backup is done: {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>自动备份失败：{reason}</source>
        <translation>Automatic backup failed: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>自动备份</source>
        <translation>Automatic backup</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>备份数据库…</source>
        <translation>Back up the database…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自动备份设置…</source>
        <translation>Automatic backup settings…</translation>
    </message>
</context>
<context>
    <name>CalendarTab</name>
    <message>
        <location filename="../../gui/admin/calendar.py" line="+263"/>
        <source>名称，如 春节、国庆节调休</source>
        <translation>Name, e.g. Spring Festival, National Day make-up day</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设为节假日（休）</source>
        <translation>Holiday (H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设为调休上班（班）</source>
        <translation>Working day (W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复默认</source>
        <translation>Use default</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>上班</source>
        <translation>Working</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>休息</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本单位</source>
        <translation>Local</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内置</source>
        <translation>Built-in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本年安排已按官方公布录入完毕</source>
        <translation>This year matches the published schedule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>勾选后，到期时间落在本年的单据不再提示“节假日安排尚未公布”；逐日录入的年份请在核对完毕后勾选</source>
        <translation>When ticked, slips with a due time in this year no longer warn that the holiday schedule is unpublished; tick it for a year entered day by day once it has been checked</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>上一年</source>
        <translation>Previous year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>下一年</source>
        <translation>Next year</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导入年度安排…</source>
        <translation>Import year schedule…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>国务院办公厅公布的放假安排（CSV 或 JSON）</source>
        <translation>The holiday schedule published by the State Council General Office (CSV or JSON)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;span style=&apos;background:#fbe3e4;color:#b02a37&apos;&gt;&lt;b&gt;&amp;nbsp;休&amp;nbsp;&lt;/b&gt;&lt;/span&gt; 节假日（休息）&#x3000;&lt;span style=&apos;background:#dde8fb;color:#0b4fb3&apos;&gt;&lt;b&gt;&amp;nbsp;班&amp;nbsp;&lt;/b&gt;&lt;/span&gt; 调休上班&#x3000;• 本单位设置&#x3000;灰色：周末&#x3000;点选日期后在右侧修改</source>
        <translation>&lt;span style=&apos;background:#fbe3e4;color:#b02a37&apos;&gt;&lt;b&gt;&amp;nbsp;H&amp;nbsp;&lt;/b&gt;&lt;/span&gt; Holiday&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;span style=&apos;background:#dde8fb;color:#0b4fb3&apos;&gt;&lt;b&gt;&amp;nbsp;W&amp;nbsp;&lt;/b&gt;&lt;/span&gt; Make-up workday&amp;nbsp;&amp;nbsp;&amp;nbsp;• Local&amp;nbsp;&amp;nbsp;&amp;nbsp;Grey: weekend&amp;nbsp;&amp;nbsp;&amp;nbsp;Click a day to edit it</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选中的日期</source>
        <translation>Selected day</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>到期时间预览</source>
        <translation>Due time preview</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>起</source>
        <translation>plus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本年特殊日期</source>
        <translation>Special days this year</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{y} 年：内置官方放假安排（可在此基础上调整）</source>
        <translation>{y}: built-in official holiday schedule (you can adjust it here)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{y} 年：已导入 / 本单位录入的放假安排</source>
        <translation>{y}: imported or locally entered holiday schedule</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{y} 年：没有官方放假安排，暂按周一至周五（元旦、劳动节、国庆节按法定日期）计算。请在公布后导入。</source>
        <translation>{y}: no official holiday schedule; Monday to Friday are counted for now (New Year, Labour Day and National Day on their fixed dates). Import it once it is published.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&#x3000;全年 {n} 个工作日</source>
        <translation>&#x3000;{n} working days in the year</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>（该年尚无官方安排）</source>
        <translation> (no official schedule for that year yet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期：{due}（星期{w}）{warn}</source>
        <translation>Due: {due} ({w}){warn}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>调休上班</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>节假日</source>
        <translation>Holiday</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{n} 件在办事项的到期时间已随之调整，请告知办事人。</source>
        <translation>The due time of {n} open case(s) moved with it; tell the visitors.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有在办事项的到期时间因此改变。</source>
        <translation>No open case&apos;s due time changed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>另有 {n} 件的时限无法从办理记录确定，到期时间未调整，请人工核对：{numbers}</source>
        <translation>{n} more case(s) kept their due time: their limit cannot be told from the history; check them by hand: {numbers}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>导入年度放假安排</source>
        <translation>Import the year&apos;s holiday schedule</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放假安排 (*.csv *.json *.txt);;所有文件 (*)</source>
        <translation>Holiday schedules (*.csv *.json *.txt);;All files (*)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已导入 {years} 年的安排：{h} 天休息，{w} 天调休上班。</source>
        <translation>Imported the schedule for {years}: {h} days off, {w} make-up working days.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>没有导入：{reason}</source>
        <translation>Not imported: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入年度安排</source>
        <translation>Import year schedule</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../gui/desk/window_menus.py" line="+53"/>
        <source>打印回执</source>
        <translation>Print receipt slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印一次性告知单</source>
        <translation>Print one-time notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印办理记录</source>
        <translation>Print case history</translation>
    </message>
</context>
<context>
    <name>CaseEventModel</name>
    <message>
        <location filename="../../gui/supervision/audit_page.py" line="-331"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理人</source>
        <translation>Actor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>至</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>之后状态</source>
        <translation>Status after</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../gui/desk/detail_widgets.py" line="+247"/>
        <source>显示完整信息</source>
        <translation>Show in full</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>完整电话和证件号码；每次查看记入审计日志</source>
        <translation>Full phone and ID number; every look is written to the audit log</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>来访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>渠道/类型</source>
        <translation>Channel/kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办事事项</source>
        <translation>Service item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问责任人</source>
        <translation>First owner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>承办</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>到期 {due}</source>
        <translation>Due {due}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（已延期）</source>
        <translation> (extended)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ 到期年份缺少官方节假日安排</source>
        <translation>⚠ No official holiday schedule for the due year</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已被 {who} 退回：{reason}</source>
        <translation>Returned by {who}: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source> · 来访 %n 次</source>
        <translation>
            <numerusform> · %n visit</numerusform>
            <numerusform> · %n visits</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name}（v{version}）· {department}</source>
        <translation>{name} (v{version}) · {department}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>待签收：{who}</source>
        <translation>Awaiting acceptance: {who}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{handler}（{department}）</source>
        <translation>{handler} ({department})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>去向：{place}</source>
        <translation>Referred to: {place}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（{contact}）</source>
        <translation> ({contact})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>评价：{level}</source>
        <translation>Evaluation: {level}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>证件号 {number}</source>
        <translation>ID {number}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>原件</source>
        <translation>original</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复印件</source>
        <translation>copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} {kind}{copies}份 {pages}页</source>
        <translation>{name} ({kind} ×{copies}, {pages} p.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} {kind}{copies}份</source>
        <translation>{name} ({kind} ×{copies})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缺</source>
        <translation>missing</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <location filename="../../gui/desk/case_list.py" line="+141"/>
        <source>搜索：编号 / 姓名 / 电话 / 事项（扫码枪可直接扫编号）</source>
        <translation>Search: number / name / phone / matter (scan a case number)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>全部（含已结案）</source>
        <translation>All (closed included)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部部门</source>
        <translation>All depts</translation>
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
        <location line="+215"/>
        <source>找不到事项 {number}</source>
        <translation>No case {number}</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>共 {n} 件</source>
        <translation>{n} cases</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <location filename="../../gui/desk/case_model.py" line="+81"/>
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
        <location line="+130"/>
        <source>点击按此列排序</source>
        <translation>Click to sort by this column</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>新到：您上次查看之后才到这里</source>
        <translation>New: arrived since you last looked</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+445"/>
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
    <name>CatalogueEditor</name>
    <message>
        <location filename="../../gui/admin/catalogue.py" line="+80"/>
        <source>即办件</source>
        <translation>Instant item</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>承诺件</source>
        <translation>Promised item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指南未注明是否即办</source>
        <translation>Guide does not say</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无承诺时限</source>
        <translation>No promise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未规定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作日</source>
        <translation>working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然日</source>
        <translation>calendar days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>指南未写明请留空：告知单印“以窗口告知为准”</source>
        <translation>Leave blank if the guide says nothing: notices print “ask at the window”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在用（取消勾选即停用，不再可选）</source>
        <translation>Active (untick to retire)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>事项内容</source>
        <translation>Item details</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项名称</source>
        <translation>Item name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺时限</source>
        <translation>Promised limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>法定时限</source>
        <translation>Statutory limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请材料</source>
        <translation>Required materials</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>新增事项</source>
        <translation>New item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入 Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按模板导入：先检查全部行并预览，确认后导入</source>
        <translation>Imports using the template: every row is checked and previewed first, then imported when you confirm</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未导入任何内容。</source>
        <translation>Nothing was imported.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="-188"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下载模板…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>当前版本 v{v}</source>
        <translation>Current version v{v}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新事项</source>
        <translation>New item</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+103"/>
        <source>未保存的修改</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>对“{name}”的修改尚未保存，放弃这些修改吗？</source>
        <translation>The changes to “{name}” are not saved. Discard them?</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>已保存。版本 v{v}：此后打印的告知单注明新版本。</source>
        <translation>Saved. Version v{v}: notices printed from now on name the new version.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已保存。打印内容没有变化，仍为 v{v}。</source>
        <translation>Saved. The printed content did not change; still v{v}.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>事项清单导入模板</source>
        <translation>catalogue-import-template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项清单-{day}</source>
        <translation>service-catalogue-{day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下载导入模板</source>
        <translation>Download the import template</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导出事项清单</source>
        <translation>Export the service catalogue</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>模板已保存：{path}</source>
        <translation>Template saved: {path}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已导出 {n} 个事项：{path}</source>
        <translation>Exported {n} items: {path}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当前事项的修改尚未保存，仍要导入吗？</source>
        <translation>The changes to the current item are not saved. Import anyway?</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>导入事项清单</source>
        <translation>Import the service catalogue</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>导入完成：新增 {c} 项，更新 {u} 项（版本加 1），未变 {n} 项。</source>
        <translation>Import finished: {c} added, {u} updated (version +1), {n} unchanged.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新建部门：{names}。</source>
        <translation>New departments: {names}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未导入 {n} 项：{codes}</source>
        <translation>{n} left out: {codes}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法读写文件：{reason}
文件可能正在 Excel 中打开，请关闭后重试。</source>
        <translation>Cannot read or write the file: {reason}
It may be open in Excel; close it and try again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Excel 文件</source>
        <translation>Excel files</translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message>
        <location filename="../../gui/admin/catalogue_page.py" line="+197"/>
        <source>打印一次性告知单 (Ctrl+P)</source>
        <translation>Print one-time notice (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事项内容由系统管理员在“系统管理 → 事项清单维护”中修改。</source>
        <translation>Administrators change the items under “Administration → Catalogue maintenance”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本页仅供查阅。</source>
        <translation>This page is for reference only.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>没有找到事项。</source>
        <translation>No items found.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>法定时限</source>
        <translation>Statutory time limit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（已停用）</source>
        <translation>(retired)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>申请材料（{n}）</source>
        <translation>Required materials ({n})</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>即办件</source>
        <translation>Instant item</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原件/复印件</source>
        <translation>Original/copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>份数</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>是否必需</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>无需材料。</source>
        <translation>No materials needed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办理依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>事项清单</source>
        <translation>Service catalogue</translation>
    </message>
</context>
<context>
    <name>CommendDialog</name>
    <message>
        <location filename="../../gui/supervision/accountability_dialogs.py" line="+292"/>
        <source>登记表扬</source>
        <translation>Record commendation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>必填：表扬事迹，如“主动延时服务，群众送锦旗”</source>
        <translation>Required: what they did, e.g. “Stayed after hours to help; the visitor sent a thank-you banner”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事迹</source>
        <translation>What they did</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写表扬事迹。</source>
        <translation>Describe what they did.</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location line="-48"/>
        <source>登记投诉查实的违规</source>
        <translation>Record a violation found by a complaint</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择情形</source>
        <translation>Choose the violation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情形</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必填：投诉内容、核实经过</source>
        <translation>Required: the complaint and how it was verified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查实情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择处理方式</source>
        <translation>Choose a sanction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理</source>
        <translation>Sanction</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择情形。</source>
        <translation>Choose the violation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写查实情况。</source>
        <translation>Enter the findings.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择处理方式。</source>
        <translation>Choose a sanction.</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location line="-158"/>
        <source>…共 {n} 条</source>
        <translation>… {n} records in all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>共 {n} 条</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>确认违规并处理</source>
        <translation>Confirm violation and sanction</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请选择处理方式</source>
        <translation>Choose a sanction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理</source>
        <translation>Sanction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理意见，可不填</source>
        <translation>Comments (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>意见</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择处理方式。</source>
        <translation>Choose a sanction.</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+77"/>
        <source>联系办事人</source>
        <translation>Contact the visitor</translation>
    </message>
</context>
<context>
    <name>CopiesDelegate</name>
    <message>
        <location filename="../../gui/admin/material_editor.py" line="+57"/>
        <source>未注明</source>
        <translation>Not stated</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../gui/admin/staff.py" line="+63"/>
        <source>修改部门</source>
        <translation>Edit department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增部门</source>
        <translation>New department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>安全管理部门（安全事故立即上报到此）</source>
        <translation>Safety department (accidents are escalated here at once)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>DepartmentStaffPicker</name>
    <message>
        <location filename="../../gui/desk/action_widgets.py" line="-51"/>
        <source>请选择部门</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（不指定，由部门签收）</source>
        <translation>(anyone)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>承办人</source>
        <translation>Handler</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../gui/desk/detail_pane.py" line="+55"/>
        <location line="+63"/>
        <source>在上方列表中选择一个事项查看详情</source>
        <translation>Select a case in the list above to see its details</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>回执</source>
        <translation>Receipt slip</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知单</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转办单</source>
        <translation>Transfer slip</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知去向单</source>
        <translation>Referral slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>隐患报告单</source>
        <translation>Hazard report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理记录</source>
        <translation>Case history</translation>
    </message>
    <message>
        <location filename="../../gui/desk/detail_widgets.py" line="-281"/>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无时限</source>
        <translation>No time limit</translation>
    </message>
</context>
<context>
    <name>DismissDialog</name>
    <message>
        <location filename="../../gui/supervision/accountability_dialogs.py" line="+16"/>
        <source>驳回（不予追究）</source>
        <translation>Dismiss (no action)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>必填，如“系统停电，情有可原”</source>
        <translation>Required, e.g. “Power cut; understandable”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>驳回理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写驳回理由。</source>
        <translation>Enter the reason for dismissing.</translation>
    </message>
</context>
<context>
    <name>DueRenderer</name>
    <message>
        <location filename="../../gui/desk/case_model.py" line="-407"/>
        <source>到期时间：{when}</source>
        <translation>Due: {when}</translation>
    </message>
</context>
<context>
    <name>DueView</name>
    <message numerus="yes">
        <location filename="../../gui/forms/intake_widgets.py" line="+270"/>
        <source>%n 小时内核实</source>
        <translation>
            <numerusform>Verify within %n hour</numerusform>
            <numerusform>Verify within %n hours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>立即上报安全管理部门</source>
        <translation>Escalate to the safety department at once</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即办</source>
        <translation>Instant</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承诺办结：{due}（{span}）</source>
        <translation>Promised by {due} ({span})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>⚠ {year} 年的法定节假日安排尚未录入，到期时间暂按周一至周五计算，请管理员补录工作日历。</source>
        <translation>⚠ The public holidays for {year} have not been entered; the due time assumes Monday to Friday for now. Ask an administrator to complete the working calendar.</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-168"/>
        <source>请示领导</source>
        <translation>Escalate to a leader</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请示事由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location line="+285"/>
        <source>登记评价</source>
        <translation>Record evaluation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>评价</source>
        <translation>Evaluation</translation>
    </message>
</context>
<context>
    <name>ExportProgress</name>
    <message>
        <location filename="../../gui/widgets/export_progress.py" line="+31"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已写入 {done} / {total} 行</source>
        <translation>{done} of {total} rows written</translation>
    </message>
</context>
<context>
    <name>ExtensionDecisionDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-26"/>
        <source>审批延期</source>
        <translation>Decide extension</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申请延至</source>
        <translation>Requested until</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不批准</source>
        <translation>Refuse</translation>
    </message>
</context>
<context>
    <name>ExtensionDialog</name>
    <message>
        <location line="-65"/>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原到期</source>
        <translation>Current due time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延期至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>延期后的时间必须晚于原到期时间。</source>
        <translation>The new due time must be later than the current one.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请填写延期理由。</source>
        <translation>Enter the reason for the extension.</translation>
    </message>
</context>
<context>
    <name>FieldLimits</name>
    <message>
        <location filename="../../gui/widgets/field_limits.py" line="+149"/>
        <source>最多 {limit} 个字：超出的内容没有输入，请先删减。</source>
        <translation>At most {limit} characters: the extra text was not entered; shorten it first.</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../gui/supervision/accountability_dialogs.py" line="-107"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../gui/app.py" line="-232"/>
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
        <location line="+16"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+77"/>
        <source>回访</source>
        <translation>Follow-up call</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>整改</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>尚未完成</source>
        <translation>Not done yet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写回访情况。</source>
        <translation>Please describe the follow-up call.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../gui/admin/page.py" line="-229"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../gui/desk/help_pages.py" line="+109"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>作用</source>
        <translation>What it does</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>使用说明</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message>
        <location filename="../../gui/forms/intake_widgets.py" line="-76"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <location filename="../../gui/admin/catalogue_import.py" line="+43"/>
        <source>导入事项清单 — {name}</source>
        <translation>Import catalogue — {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>可导入：新增 {new} 项，更新 {changed} 项（版本加 1），未变 {same} 项。</source>
        <translation>Ready to import: {new} new, {changed} changed (new version), {same} unchanged.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>系统中没有以下部门，导入时一并创建：{names}</source>
        <translation>Create these departments, which the register lacks, with the import: {names}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>文件中有 {n} 处问题（涉及 {items} 个事项）：</source>
        <translation>{n} problem(s) in the file ({items} item(s)):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只导入无误的事项（有问题的 {n} 个事项不导入）</source>
        <translation>Import only the items without problems (leave out {n})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未勾选时，有任何问题都不导入；请在 Excel 中改正后重新导入。</source>
        <translation>Unticked, any problem imports nothing; correct the file in Excel and import it again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <location filename="../../gui/desk/inbox_page.py" line="+84"/>
        <source>没有等您处理的事项。</source>
        <translation>Nothing is waiting for you.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source> · 新 {n}</source>
        <translation> · {n} new</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../gui/forms/intake.py" line="+96"/>
        <source>手机或带区号的固话</source>
        <translation>Mobile, or area code + number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>匿名（不记录身份，不答复结果）</source>
        <translation>Anonymous (no identity recorded, no result notified)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>来访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>输入事项名称或编码，自动补全</source>
        <translation>Type an item name or code to complete it</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>全部收齐</source>
        <translation>All received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加材料</source>
        <translation>Add material</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除材料</source>
        <translation>Remove material</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办事事项</source>
        <translation>Service item</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项摘要</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收取材料</source>
        <translation>Materials received</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>处理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+58"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>保存登记 (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存并打印回执 (Ctrl+P)</source>
        <translation>Save and print receipt (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>清空登记表</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>清空已填写的内容？未保存的内容将丢失。</source>
        <translation>Clear what has been filled in? Anything not saved will be lost.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不清空</source>
        <translation>Keep it</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>该号码的既往事项（%n 件）</source>
        <translation>
            <numerusform>Earlier cases from this number (%n)</numerusform>
            <numerusform>Earlier cases from this number (%n)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+75"/>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>去向</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>材料未收齐</source>
        <translation>Materials missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{number}：{n} 项材料未收到。打印一次性告知单交给办事人？</source>
        <translation>{number}: {n} material(s) not received. Print the one-time notice for the visitor?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印告知单</source>
        <translation>Print notice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不打印</source>
        <translation>Don&apos;t print</translation>
    </message>
    <message>
        <location line="-207"/>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>隐患或事故所在的具体位置，如：二楼东侧楼梯</source>
        <translation>Where the hazard or accident is, e.g. east stairs, 2nd floor</translation>
    </message>
</context>
<context>
    <name>ItemBrowser</name>
    <message>
        <location filename="../../gui/desk/detail_widgets.py" line="-26"/>
        <source>即办件</source>
        <translation>Instant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>法定 {days}</source>
        <translation>Statutory {days}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未规定</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../gui/admin/catalogue_page.py" line="-207"/>
        <source>搜索编码、名称、部门或材料</source>
        <translation>Search code, name or material</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>含已停用</source>
        <translation>Include retired</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项名称</source>
        <translation>Service item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>共 {n} 项</source>
        <translation>{n} items</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <location filename="../../gui/offline/dialogs.py" line="+155"/>
        <source>离线登记记录（本机 {station}）</source>
        <translation>Offline registrations (this PC, {station})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>重新同步所选</source>
        <translation>Sync the selected again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>已同步 {time}</source>
        <translation>Synced {time}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未同步：{reason}</source>
        <translation>Not synced: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待同步</source>
        <translation>Waiting to sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待同步 {p} 件 · 已同步 {s} 件 · 未能同步 {r} 件。本记录保存在本机，不会删除；未能同步的处理后（例如管理员恢复了事项）可重新同步。</source>
        <translation>{p} waiting · {s} synced · {r} not synced. This record stays on this PC and is never deleted; an entry that could not be synced can go again once its cause is fixed (an administrator restoring a service item, say).</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <location filename="../../gui/supervision/widgets.py" line="+315"/>
        <source>{caption}：{value}</source>
        <translation>{caption}: {value}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（{detail}）</source>
        <translation> ({detail})</translation>
    </message>
</context>
<context>
    <name>LeaderAssignDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-241"/>
        <source>领导指派</source>
        <translation>Assign a handler</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../gui/desk/idle_lock.py" line="+44"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} · {window}&#x3000;长时间未操作，屏幕已锁定以保护办事人信息。</source>
        <translation>{name} · {window}&#x3000;The screen locked after a period of inactivity to protect visitors&apos; information.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>输入密码解锁</source>
        <translation>Enter your password to unlock</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>切换用户</source>
        <translation>Switch user</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/desk/main_window.py" line="+148"/>
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
        <source>办理(&amp;A)</source>
        <translation>&amp;Actions</translation>
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
        <location line="+5"/>
        <source>收起 / 展开导航栏</source>
        <translation>Hide / show navigation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>使用说明</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+183"/>
        <source>关于首问台</source>
        <translation>About FirstDesk</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>我的待办</source>
        <translation>My inbox</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>我的事项</source>
        <translation>My cases</translation>
    </message>
    <message>
        <location filename="../../gui/desk/window_cases.py" line="+73"/>
        <source>找不到事项 {number}</source>
        <translation>No case {number}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>登记表中的内容已保留，按 {key} 返回继续填写。</source>
        <translation>The form keeps what was typed; press {key} to go back to it.</translation>
    </message>
    <message>
        <location filename="../../gui/desk/main_window.py" line="+217"/>
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{page}”中有尚未保存的内容，关闭后将丢失。仍要继续吗？</source>
        <translation>“{page}” has something not saved yet, which will be lost. Go on anyway?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放弃并继续</source>
        <translation>Discard and go on</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>返回登记</source>
        <translation>Back to the form</translation>
    </message>
    <message>
        <location line="-218"/>
        <source>全部事项</source>
        <translation>All cases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新登记</source>
        <translation>New intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来电登记</source>
        <translation>Phone log</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>数据库: {where}</source>
        <translation>Database: {where}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本机</source>
        <translation>this PC</translation>
    </message>
    <message>
        <location filename="../../gui/desk/window_counts.py" line="+76"/>
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
        <location line="+19"/>
        <source>无法读取数据库，稍后自动重试。</source>
        <translation>Cannot read the database; retrying shortly.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>其中 {n} 件是您上次查看后新到的</source>
        <translation>{n} of them arrived since you last looked</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{section} {n} 件</source>
        <translation>{section} {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新的待办：{parts}</source>
        <translation>New in your inbox: {parts}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>首问台</source>
        <translation>FirstDesk</translation>
    </message>
    <message>
        <location filename="../../gui/desk/main_window.py" line="+106"/>
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
    <message>
        <location filename="../../gui/desk/window_menus.py" line="+25"/>
        <source>语言 / Language</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>MaterialEditor</name>
    <message>
        <location filename="../../gui/admin/material_editor.py" line="+20"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原件/复印件</source>
        <translation>Original/copy</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>是否必需</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>提交条件</source>
        <translation>When needed</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>原件及复印件</source>
        <translation>Original and copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原件（查验）</source>
        <translation>Original (shown)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <location line="+14"/>
        <source>未注明</source>
        <translation>Not stated</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>必需</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>非必需</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有条件</source>
        <translation>Conditional</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>MaterialsRequestDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+36"/>
        <source>补正告知（暂停计时）</source>
        <translation>Request materials (pauses the clock)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>缺少的材料</source>
        <translation>Missing materials</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>其他材料，多个用“、”分隔</source>
        <translation>Other materials, separated by commas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请至少列出一项缺少的材料。</source>
        <translation>List at least one missing material.</translation>
    </message>
</context>
<context>
    <name>MaterialsTable</name>
    <message>
        <location filename="../../gui/forms/materials_table.py" line="+83"/>
        <source>收到</source>
        <translation>Rec&apos;d</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>材料名称</source>
        <translation>Material</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>原件/复印件</source>
        <translation>Original/copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>份数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>页数</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>空格键：收到 / 未收到</source>
        <translation>Space: received / not received</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>非必需材料</source>
        <translation>Optional material</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>MovedCasesDialog</name>
    <message>
        <location filename="../../gui/desk/moved_cases.py" line="+32"/>
        <source>到期时间已调整的事项</source>
        <translation>Cases whose due time moved</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工作日历的调整改变了以下 {n} 件在办事项的到期时间（已记入各事项的办理记录）。请首问责任人或承办人告知办事人新的到期时间。</source>
        <translation>The calendar change moved the due time of these {n} open case(s) (recorded in each case&apos;s history). The first owner or handler should tell the visitor the new due time.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事项编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原到期时间</source>
        <translation>Old due time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新到期时间</source>
        <translation>New due time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首问责任人</source>
        <translation>First owner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>承办人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>（匿名）</source>
        <translation>(anonymous)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>复制列表</source>
        <translation>Copy list</translation>
    </message>
</context>
<context>
    <name>NavPanel</name>
    <message>
        <location filename="../../gui/desk/navigation.py" line="+127"/>
        <source>« 收起导航</source>
        <translation>« Hide navigation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>展开导航栏 (Ctrl+B)</source>
        <translation>Show navigation (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收起导航栏，让列表更宽 (Ctrl+B)</source>
        <translation>Hide navigation to widen the lists (Ctrl+B)</translation>
    </message>
</context>
<context>
    <name>NotifyDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+15"/>
        <source>答复办理结果</source>
        <translation>Notify the result</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>OfflineDeskUi</name>
    <message>
        <location filename="../../gui/offline/desk.py" line="+139"/>
        <source>服务器连接中断 · 离线登记：新登记（F2）和来电登记（F3）照常保存在本机，编号为临时编号，恢复连接后自动同步。签收、转办、办结等办理操作需等服务器恢复。列表是 {time} 的本机副本，只读。</source>
        <translation>Server unreachable · registering offline: new intakes (F2) and calls (F3) are saved on this PC under provisional numbers and synced when the server is back. Accepting, transferring, resolving and other steps wait for the server. The lists are this PC&apos;s copy from {time}, read-only.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+57"/>
        <location line="+26"/>
        <source>离线登记记录…</source>
        <translation>Offline registrations…</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+17"/>
        <source>离线 · 待同步 {n} 件</source>
        <translation>Offline · {n} to sync</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>离线：需等服务器恢复后办理</source>
        <translation>Offline: waits until the server is back</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>已重新连接服务器，正在同步离线登记（{n} 件）…</source>
        <translation>Server reachable again; syncing offline registrations ({n})…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>同步中断（{problem}），还有 {n} 件待同步，恢复后自动继续。</source>
        <translation>Sync interrupted ({problem}); {n} still to sync, it goes on by itself when the server is back.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>离线登记已同步 {n} 件，未能同步 {m} 件。</source>
        <translation>Offline registrations: {n} synced, {m} not synced.</translation>
    </message>
</context>
<context>
    <name>OrgSettingsTab</name>
    <message>
        <location filename="../../gui/admin/organisation.py" line="+105"/>
        <source>机构信息</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>机构名称</source>
        <translation>Organisation name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>机构类型与预设</source>
        <translation>Type and preset</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当前类型</source>
        <translation>Current type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>改用预设</source>
        <translation>Switch to preset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应用预设…</source>
        <translation>Apply preset…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预设包含时限、事项类型、渠道、用语和窗口列表；机构名称和单据文字保持不变。</source>
        <translation>A preset sets the time limits, case kinds, channels, wording and list of windows; the organisation name and slip texts stay as they are.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>时限与规则</source>
        <translation>Time limits and rules</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>各类事项默认办理时限（工作日）</source>
        <translation>Default time limit per kind (working days)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>立即</source>
        <translation>Immediate</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办公时间（计算工作时限）</source>
        <translation>Office hours (for working-time limits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上班</source>
        <translation>Opens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>午休开始</source>
        <translation>Lunch starts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>午休结束</source>
        <translation>Lunch ends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下班</source>
        <translation>Closes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>窗口</source>
        <translation>Windows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>窗口列表</source>
        <translation>Window list</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>窗口名称</source>
        <translation>Window name</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>单据格式与文字</source>
        <translation>Slip format and texts</translation>
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
        <location line="+1"/>
        <source>页脚文字</source>
        <translation>Footer text</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>标志图片</source>
        <translation>Logo image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+3"/>
        <source>默认格式</source>
        <translation>Default format</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>撤销修改</source>
        <translation>Undo changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>选择标志图片</source>
        <translation>Choose the logo image</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>图片 (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>设置已保存，新登记的事项按新设置计算。</source>
        <translation>Settings saved; new cases use the new settings.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>将按“{name}”预设替换时限、事项类型、渠道、用语和窗口列表，未保存的修改将丢失。机构名称、地址和单据文字保持不变。

确定应用吗？</source>
        <translation>The “{name}” preset will replace the time limits, case kinds, channels, wording and list of windows; unsaved changes will be lost. The organisation name, address and slip texts stay as they are.

Apply it?</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>应用预设</source>
        <translation>Apply preset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已应用“{name}”预设。</source>
        <translation>Applied the “{name}” preset.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../gui/admin/staff.py" line="+76"/>
        <source>重置密码 — {name}</source>
        <translation>Reset password — {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新生成</source>
        <translation>Generate another</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请把临时密码告诉本人；{name} 下次登录时须设置新密码。</source>
        <translation>Give the temporary password only to the person; {name} must choose a new password at the next sign-in.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../gui/supervision/accountability_dialogs.py" line="+251"/>
        <source>预览 — {title}</source>
        <translation>Preview — {title}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>共 {n} 页</source>
        <translation>Pages: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有打印（{problem}）。请检查打印机，或先“另存为 PDF”。</source>
        <translation>Not printed ({problem}). Check the printer, or “Save as PDF” first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已发送到打印机“{name}”，共 {n} 页。</source>
        <translation>Sent to the printer “{name}”; pages: {n}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>无法保存文件“{path}”：{reason}</source>
        <translation>Cannot save the file “{path}”: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../gui/supervision/widgets.py" line="-172"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
</context>
<context>
    <name>PhoneLogPage</name>
    <message>
        <location filename="../../gui/forms/phone_log.py" line="+55"/>
        <location line="+27"/>
        <source>来电号码</source>
        <translation>Caller&apos;s number</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>匿名来电</source>
        <translation>Anonymous call</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>一句话概括来电事项</source>
        <translation>The call&apos;s matter in one sentence</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已答复</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>转办</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请示领导</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>保存来电 (Ctrl+Enter)</source>
        <translation>Save call (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>来电登记</source>
        <translation>Phone log</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+21"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来电事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>详细内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本次登录的来电</source>
        <translation>Calls this session</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../gui/printing/preview.py" line="+97"/>
        <source>打印预览 — {doc}</source>
        <translation>Print preview — {doc}</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <source>80mm 热敏小票</source>
        <translation>80 mm thermal receipt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打印设置…</source>
        <translation>Print settings…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>份数、双面、页码范围</source>
        <translation>Copies, two-sided, page range</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印 (Ctrl+P)</source>
        <translation>Print (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/printing/pdf_view.py" line="+41"/>
        <source>（本机没有安装打印机）</source>
        <translation>(no printer installed on this PC)</translation>
    </message>
    <message>
        <location filename="../../gui/printing/preview.py" line="+33"/>
        <location line="+2"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>生成的 PDF 无法打开（{error}）</source>
        <translation>The generated PDF cannot be opened ({error})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>打印预览 — {doc} {number}</source>
        <translation>Print preview — {doc} {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>共 {n} 页</source>
        <translation>Pages: {n}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>无法生成{doc}。请检查后重试，或换一种格式。</source>
        <translation>Could not generate “{doc}”. Check and try again, or choose another format.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>打印设置</source>
        <translation>Print settings</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+30"/>
        <source>打印失败。</source>
        <translation>Printing failed.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>已发送到打印机“{name}”，共 {n} 页。</source>
        <translation>Sent to the printer “{name}”; pages: {n}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>也可以先“另存为 PDF”，到有打印机的电脑上打印。</source>
        <translation>You can also “Save as PDF” and print it on a PC that has a printer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机没有安装打印机，无法打印。</source>
        <translation>No printer is installed on this PC, so nothing can be printed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>找不到打印机“{name}”，它可能已被删除或改名。请在列表中另选一台。</source>
        <translation>Printer “{name}” not found; it may have been removed or renamed. Choose another one from the list.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机“{name}”脱机或出错，文档没有打印。请检查电源、连接线和纸张后重试。</source>
        <translation>Printer “{name}” is offline or in error; the document was not printed. Check the power, cable and paper, then try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法连接打印机“{name}”，文档没有打印。请检查打印机后重试。</source>
        <translation>Cannot connect to printer “{name}”; the document was not printed. Check the printer and try again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机“{name}”换页失败，文档可能没有打印完整。</source>
        <translation>Printer “{name}” failed to start a new page; the document may be incomplete.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印机“{name}”报告错误，文档可能没有打印完整。</source>
        <translation>Printer “{name}” reported an error; the document may be incomplete.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有可打印的内容：文档尚未生成。</source>
        <translation>Nothing to print: the document has not been generated yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有打印。</source>
        <translation>Not printed.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法保存文件“{path}”：{reason}
请换一个文件夹或文件名再试。</source>
        <translation>Cannot save the file “{path}”: {reason}
Try another folder or file name.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>ReferDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+20"/>
        <source>告知去向（非本单位职责）</source>
        <translation>Refer elsewhere (outside our responsibility)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>单位名称、地址</source>
        <translation>Organisation name and address</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>去向</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写去向。</source>
        <translation>Enter where the visitor was referred to.</translation>
    </message>
</context>
<context>
    <name>RegisterWatch</name>
    <message>
        <location filename="../../gui/desk/register_watch.py" line="+85"/>
        <source>从最新的备份恢复（{name}）…</source>
        <translation>Restore from the newest backup ({name})…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&#x3000;请联系管理员从备份恢复。</source>
        <translation> Please ask an administrator to restore from a backup.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>服务器连接中断，正在重连…</source>
        <translation>Connection to the server lost; reconnecting…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>已重新连接数据库服务器。</source>
        <translation>Reconnected to the database server.</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../gui/supervision/widgets.py" line="-63"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>部门负责人只能查看本部门</source>
        <translation>Department heads see only their own department</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>未完成</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在生成{title}…</source>
        <translation>Generating: {title}…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{title}已生成</source>
        <translation>Ready: {title}</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-196"/>
        <source>办结</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <location filename="../../gui/admin/retention.py" line="+52"/>
        <source>办结（或已告知去向）的事项超过保存年限后，来访人的姓名、电话、单位和证件号码将被清除；事项编号、办理记录和统计数字保留。每次清除都记入审计日志，不可撤销。</source>
        <translation>When a finished (or referred) case is past its retention period, the visitor&apos;s name, phone, organisation and ID number are cleared; the case number, its history and the statistics stay. Every clearing is written to the audit log and cannot be undone.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>事项类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>保存年限（年）</source>
        <translation>Kept for (years)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已超期且仍含身份信息</source>
        <translation>Past it, identity still held</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>默认 {years} 年</source>
        <translation>Default {years} years</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>保存年限</source>
        <translation>Save periods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除超期身份信息…</source>
        <translation>Clear expired identities…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按上表年限清除，分批进行，每批记入审计日志</source>
        <translation>Clears by the periods above, in batches, each written to the audit log</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>共 {n} 件超期</source>
        <translation>{n} cases past their period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有超期事项</source>
        <translation>No case is past its period</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>保存年限已保存</source>
        <translation>Periods saved</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>将清除 {n} 件超期事项的来访人身份信息（姓名、电话、单位、证件号码）。事项和办理记录保留，清除不可撤销。

确定清除吗？</source>
        <translation>The visitor&apos;s identity (name, phone, organisation, ID number) will be cleared on {n} cases past their period. The cases and their history stay; this cannot be undone.

Clear now?</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>清除超期身份信息</source>
        <translation>Clear expired identities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已清除 {n} 件事项的来访人身份信息。</source>
        <translation>Cleared the visitor&apos;s identity on {n} cases.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-8"/>
        <source>退回（非本部门职责）</source>
        <translation>Return (not our department&apos;s responsibility)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回理由</source>
        <translation>Reason for returning</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <location line="+40"/>
        <source>查看完整身份信息</source>
        <translation>Show full identity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>查看理由（记入审计日志）</source>
        <translation>Reason (written to the audit log)</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../gui/supervision/accountability_dialogs.py" line="-257"/>
        <source>情况</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>RowEditor</name>
    <message>
        <location filename="../../gui/admin/page.py" line="+107"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
</context>
<context>
    <name>SavedBanner</name>
    <message>
        <location filename="../../gui/forms/form_feedback.py" line="+79"/>
        <source>点击编号打开该事项</source>
        <translation>Click the number to open the case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重打回执</source>
        <translation>Reprint receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一次性告知单</source>
        <translation>One-time notice</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>✓ 已离线登记，临时编号 {number}（{status}；恢复连接后自动同步）</source>
        <translation>✓ Registered offline, provisional number {number} ({status}; synced when the server is back)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✓ 已登记 {number}（{status}）</source>
        <translation>✓ Registered {number} ({status})</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <location filename="../../gui/forms/intake_scope.py" line="+102"/>
        <source>当场答复的内容（必填）</source>
        <translation>The answer given on the spot (required)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>告知去向：单位、地址（必填）</source>
        <translation>Referred to: organisation and address (required)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>对方联系方式</source>
        <translation>Their contact details</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>答复内容</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>由我本人办理，按承诺时限办结。</source>
        <translation>I handle it myself and resolve it within the promised time.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本部门承办人</source>
        <translation>Handler in my department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对方须签收或退回。</source>
        <translation>They must accept or return it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>职责不清或责任人联系不上：报分管领导指派。</source>
        <translation>Scope unclear or the responsible person unreachable: a leader assigns it.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去向</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任人暂时联系不上：先登记暂存，稍后移交，仍由我负责跟进。</source>
        <translation>Responsible person unreachable for now: register it and hand it over later; I keep following it up.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>当场答复</source>
        <translation>Answered now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>本人办理</source>
        <translation>Handle myself</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本部门他人</source>
        <translation>Same department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>转其他部门</source>
        <translation>Other department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请示领导</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>告知去向</source>
        <translation>Refer elsewhere</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂存稍后移交</source>
        <translation>Hand over later</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>请选择本部门的承办人。</source>
        <translation>Choose a handler in your department.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择承办部门。</source>
        <translation>Choose the department.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>所选事项由“{department}”办理；如需转办，请选“{choice}”（已预选该部门）。</source>
        <translation>The chosen item belongs to “{department}”; to hand it over choose “{choice}” (that department is preselected).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>所选事项由本部门办理，处理方式已改回“{choice}”。</source>
        <translation>The chosen item belongs to your department: handling is back to “{choice}”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>所选事项由“{department}”办理，处理方式已由“{before}”改为“{choice}”，可改回。</source>
        <translation>The chosen item belongs to “{department}”: handling changed from “{before}” to “{choice}” (you may change it back).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../gui/admin/settings_dialog.py" line="+52"/>
        <location line="+156"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+4"/>
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
    <name>Shortcuts</name>
    <message>
        <location filename="../../gui/desk/shortcuts.py" line="+39"/>
        <source>保存登记（新登记、来电登记）</source>
        <translation>Save (new intake, phone log)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存并打印回执（新登记）</source>
        <translation>Save and print the receipt (new intake)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事事项列表中：选定高亮（或第一个）事项</source>
        <translation>In the service item list: take the highlighted (or first) item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>材料清单中：收到 / 未收到</source>
        <translation>In the materials list: received / not received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一项 / 上一项</source>
        <translation>Next field / previous field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项列表中：打开选中的事项</source>
        <translation>In a case list: open the selected case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扫码枪</source>
        <translation>Barcode scanner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在任何页面扫描回执上的条码：打开该事项（正在填写的登记表保留）</source>
        <translation>Scan a receipt&apos;s barcode on any screen: that case opens (a form being filled in is kept)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../gui/signin.py" line="+41"/>
        <source>登录 · 首问台</source>
        <translation>Sign in · FirstDesk</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+111"/>
        <source>首问台</source>
        <translation>FirstDesk</translation>
    </message>
    <message>
        <location line="-106"/>
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
        <location line="+21"/>
        <location line="+71"/>
        <source>正在打开登记簿，打开后即登录…</source>
        <translation>Opening the register; you are signed in as soon as it is open…</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>请输入用户名。</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>管理员重置了您的密码，请设置新密码后继续。</source>
        <translation>An administrator reset your password; choose a new one to continue.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords differ.</translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+1"/>
        <source>正在打开登记簿…</source>
        <translation>Opening the register…</translation>
    </message>
</context>
<context>
    <name>Span</name>
    <message numerus="yes">
        <location filename="../../gui/desk/detail_widgets.py" line="-25"/>
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n 个自然日</source>
        <translation>
            <numerusform>%n calendar day</numerusform>
            <numerusform>%n calendar days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n 小时</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n 分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffCombo</name>
    <message>
        <location filename="../../gui/desk/action_widgets.py" line="-43"/>
        <source>{name}（{window}）</source>
        <translation>{name} ({window})</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../gui/supervision/accountability_dialogs.py" line="+61"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择工作人员</source>
        <translation>Choose a staff member</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>工作人员</source>
        <translation>Staff member</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可不填，如 20261126-0007</source>
        <translation>Optional, e.g. 20261126-0007</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>事项编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>事项编号格式不对，应如 20261126-0007。</source>
        <translation>The case number should look like 20261126-0007.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>找不到事项 {number}。</source>
        <translation>No case {number}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已找到：{subject}（首问 {owner}）</source>
        <translation>Found: {subject} (first owner {owner})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择工作人员。</source>
        <translation>Choose a staff member.</translation>
    </message>
    <message>
        <location filename="../../gui/admin/staff.py" line="-62"/>
        <source>修改人员</source>
        <translation>Edit staff member</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增人员</source>
        <translation>New staff member</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>字母、数字、点或下划线，登录用</source>
        <translation>Letters, digits, dots or underscores; used to sign in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（不属于部门）</source>
        <translation>(no department)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>至少 8 位，含字母和数字</source>
        <translation>At least 8 characters, with letters and digits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>首次登录时须修改密码</source>
        <translation>Must be changed at first sign-in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>生成临时密码</source>
        <translation>Generate temporary password</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location line="+54"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部门名称</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>安全</source>
        <translation>Safety</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+30"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>窗口</source>
        <translation>Window</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>搜索姓名、用户名、部门或窗口</source>
        <translation>Search name, user name, department or window</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>显示已停用</source>
        <translation>Show deactivated</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新增部门…</source>
        <translation>New department…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改部门…</source>
        <translation>Edit department…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新增人员…</source>
        <translation>New staff member…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+110"/>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>已停用</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在岗 · 待改密码</source>
        <translation>Active · must change password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在岗</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>全部部门</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>启用</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>删除没有任何办理记录的人员</source>
        <translation>Delete a person who has no case history</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已重置 {name} 的密码。{name} 下次登录时须设置新密码。</source>
        <translation>{name}&apos;s password has been reset. {name} must choose a new password at the next sign-in.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>停用人员</source>
        <translation>Deactivate staff member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用后 {name} 不能再登录，已有的办理记录保留。确定停用吗？</source>
        <translation>Once deactivated, {name} can no longer sign in; their case history is kept. Deactivate?</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+1"/>
        <source>不能删除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现在停用 {name} 吗？</source>
        <translation>Deactivate {name} now?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>删除人员</source>
        <translation>Delete staff member</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}（{user}）没有任何办理记录。删除后不可恢复，确定删除吗？</source>
        <translation>{name} ({user}) has no case history. Deleting cannot be undone. Delete?</translation>
    </message>
</context>
<context>
    <name>SupervisionPage</name>
    <message>
        <location filename="../../gui/supervision/page.py" line="+90"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出当前表格…</source>
        <translation>Export this table…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出全部统计表…</source>
        <translation>Export all tables…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>月度报告 PDF</source>
        <translation>Monthly report PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预览并打印…</source>
        <translation>Preview and print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>登记事项</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办结</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时办结率</source>
        <translation>Resolved on time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>平均签收用时</source>
        <translation>Avg. to accept</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均办结用时</source>
        <translation>Avg. to resolve</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>最多跑一次率</source>
        <translation>One visit or fewer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>当前超期</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>双击打开事项</source>
        <translation>Double-click to open the case</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>正在统计…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{period} · {scope} · 截至 {at}</source>
        <translation>{period} · {scope} · as of {at}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按人员</source>
        <translation>By staff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超期事项</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按状态</source>
        <translation>By status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按类型</source>
        <translation>By kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按渠道</source>
        <translation>By channel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>好差评</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部指标</source>
        <translation>All figures</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>未办结 {open} · 去向 {ref}</source>
        <translation>Open {open} · referred {ref}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按时 {a} · 超期 {b}</source>
        <translation>Late {b} · on time {a}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>P90 {p90}</source>
        <translation>P90 {p90}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均 {mean} 次/件</source>
        <translation>Avg {mean} visits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>参评 {n} 件</source>
        <translation>{n} evaluated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即将到期 {n}</source>
        <translation>Due soon {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>此刻超期的未办结事项（不限登记期间），与“超期事项”一页所列相同；点击查看</source>
        <translation>Open cases past due now (whenever registered): the same cases the “Overdue” tab lists; click to see them</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{n} 分钟</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} 小时</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>统计尚未完成，请稍候再试。</source>
        <translation>The statistics are not ready yet; try again in a moment.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导出表格</source>
        <translation>Export table</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <location line="+44"/>
        <source>监督统计</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>导出全部统计表</source>
        <translation>Export all tables</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>月度报告另存为 PDF</source>
        <translation>Save monthly report as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>月度报告</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../gui/supervision/charts.py" line="+165"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>无数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>按时办结</source>
        <translation>Resolved on time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超期办结</source>
        <translation>Resolved late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>各部门办理情况（件）</source>
        <translation>Cases by department</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>事项类型（件）</source>
        <translation>Cases by kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>来源渠道</source>
        <translation>Channels</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>好差评 · 满意率 {rate}</source>
        <translation>Evaluations · satisfaction {rate}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>好差评 · 本期无评价</source>
        <translation>Evaluations · none this period</translation>
    </message>
    <message>
        <location filename="../../gui/supervision/page.py" line="-241"/>
        <source>导出本期事项登记簿…</source>
        <translation>Export the period&apos;s case register…</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>导出事项登记簿</source>
        <translation>Export the case register</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项登记簿</source>
        <translation>Case register</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在导出事项登记簿…</source>
        <translation>Exporting the case register…</translation>
    </message>
</context>
<context>
    <name>SyncResultDialog</name>
    <message>
        <location filename="../../gui/offline/dialogs.py" line="-83"/>
        <source>离线登记同步结果</source>
        <translation>Offline registrations synced</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已同步 {n} 件，临时编号已转为正式编号（扫描临时编号也能打开该事项）。</source>
        <translation>{n} synced: each provisional number now leads to its final number (scanning the provisional number opens the case too).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&#x3000;{m} 件未能同步，原因见下；已保留在离线登记记录中，处理后可重新同步。</source>
        <translation> {m} could not be synced, for the reasons below; they stay in Offline registrations and can go again once the cause is fixed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&#x3000;同步中断，还有 {n} 件待同步。</source>
        <translation> Sync interrupted: {n} still to sync.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未同步：{reason}</source>
        <translation>Not synced: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已同步（此前已由其他窗口同步）</source>
        <translation>Synced (already, by another window)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>；承诺办结改为 {due}，请告知办事人</source>
        <translation>; promised completion now {due}: tell the visitor</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>双击已同步的一行打开该事项。</source>
        <translation>Double-click a synced row to open its case.</translation>
    </message>
</context>
<context>
    <name>SystemLogModel</name>
    <message>
        <location filename="../../gui/supervision/audit_page.py" line="+99"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作人</source>
        <translation>Actor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-68"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>请填写内容。</source>
        <translation>This field is required.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../gui/desk/timeline_view.py" line="+32"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从 → 至</source>
        <translation>From → to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>签收</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+22"/>
        <source>尚未签收</source>
        <translation>Not yet accepted</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>（{span}）</source>
        <translation> ({span})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签收于 {when}</source>
        <translation>Accepted {when}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>被退回 {when}</source>
        <translation>Returned {when}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未签收，已自动上报</source>
        <translation>Not accepted; escalated automatically</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未签收，已改派</source>
        <translation>Not accepted; reassigned</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>缺：{names}</source>
        <translation>Missing: {names}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>方式：{method}</source>
        <translation>Method: {method}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>去向：{place}</source>
        <translation>Referred to: {place}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（联系：{contact}）</source>
        <translation> (contact: {contact})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请延至 {due}</source>
        <translation>Requested until {due}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新到期 {due}</source>
        <translation>New due time {due}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>计时恢复，到期 {due}</source>
        <translation>Clock restarted; due {due}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>整改期限 {due}</source>
        <translation>Rectify by {due}</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+67"/>
        <source>转办</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>转办说明，如“需现场核验”</source>
        <translation>Note for the recipient, e.g. “needs an on-site check”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请选择承办部门。</source>
        <translation>Choose the department.</translation>
    </message>
</context>
<context>
    <name>UrgeDialog</name>
    <message>
        <location line="-50"/>
        <source>催办</source>
        <translation>Urge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>催办说明</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>VerifyHazardDialog</name>
    <message>
        <location line="+12"/>
        <source>核实隐患</source>
        <translation>Verify hazard</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>核实情况</source>
        <translation>Findings</translation>
    </message>
</context>
<context>
    <name>ViolationPanel</name>
    <message>
        <location filename="../../gui/supervision/violation_panel.py" line="+24"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发生时间</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>确认并处理…</source>
        <translation>Confirm and sanction…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>驳回…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打开事项</source>
        <translation>Open case</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>在左侧列表中选择一条记录查看证据</source>
        <translation>Select a record in the list on the left to see the evidence</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>驳回：{reason}</source>
        <translation>Dismissed: {reason}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>投诉查实</source>
        <translation>Verified complaint</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>系统检测</source>
        <translation>Detected by the system</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>尚未审核</source>
        <translation>Not yet reviewed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>事项办理记录（相关环节已标出）</source>
        <translation>Case history (relevant steps highlighted)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无关联事项</source>
        <translation>No related case</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="-7"/>
        <source>登记再次来访</source>
        <translation>Record a repeat visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来访说明</source>
        <translation>Purpose of the visit</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <location filename="../../gui/admin/calendar.py" line="-393"/>
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>YearGrid</name>
    <message>
        <location line="+37"/>
        <source>休</source>
        <translation>H</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>班</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>星期{w}</source>
        <translation>{w}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上班</source>
        <translation>Working day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>休息</source>
        <translation>Day off</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本单位设置</source>
        <translation>Set locally</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>内置官方数据</source>
        <translation>Built-in official data</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1月</source>
        <translation>January</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2月</source>
        <translation>February</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3月</source>
        <translation>March</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>4月</source>
        <translation>April</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>5月</source>
        <translation>May</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6月</source>
        <translation>June</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>7月</source>
        <translation>July</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>8月</source>
        <translation>August</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>9月</source>
        <translation>September</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>10月</source>
        <translation>October</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>11月</source>
        <translation>November</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>12月</source>
        <translation>December</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>一</source>
        <translation>Mo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>二</source>
        <translation>Tu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>三</source>
        <translation>We</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>四</source>
        <translation>Th</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>五</source>
        <translation>Fr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>六</source>
        <translation>Sa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>日</source>
        <translation>Su</translation>
    </message>
</context>
<context>
    <name>_Choice</name>
    <message>
        <location filename="../../gui/desk/action_dialogs.py" line="+242"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>_EntryTable</name>
    <message>
        <location filename="../../gui/offline/dialogs.py" line="-97"/>
        <source>临时编号</source>
        <translation>Provisional no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正式编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来访人</source>
        <translation>Visitor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>_OriginalDelegate</name>
    <message>
        <location filename="../../gui/forms/materials_table.py" line="-100"/>
        <source>原件</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复印件</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../gui/printing/printer.py" line="+175"/>
        <location line="+4"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>您的角色不能打印事项单据。</source>
        <translation>Your role cannot print case documents.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不认识的单据类型：{kind}</source>
        <translation>Unknown document type: {kind}</translation>
    </message>
</context>
</TS>
