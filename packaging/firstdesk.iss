; Inno Setup 6 script: turns the one-folder build (dist\FirstDesk\) into one installer .exe.
;
;   python packaging\build.py                          (dist\FirstDesk\, self-tested)
;   iscc /DAppVersion=0.1.0 packaging\firstdesk.iss    (dist\FirstDesk-0.1.0-setup.exe)
;
; AppVersion comes from core\infra\version.py (CI passes the output of
; `python packaging\version_info.py --print-version`); without it the version resource of
; FirstDesk.exe is read, which the spec generated from the same __version__.
;
; Needs Inno Setup 6.3 or later (x64compatible); release builds use 7.0.2 or later. The file is UTF-8 with a byte-order mark,
; which Inno Setup requires for the Chinese text below.
;
; Uninstalling removes only the program folder. The register, logs and backups live in the
; user's data folder (%LOCALAPPDATA%\FirstDesk\FirstDesk) and the window settings in
; HKCU\Software\FirstDesk\FirstDesk; neither is touched, so a reinstall finds every case.

#define AppName "首问台 FirstDesk"
#define AppExe "FirstDesk.exe"
#ifndef DistDir
  #define DistDir AddBackslash(SourcePath) + "..\dist"
#endif
#define AppDir DistDir + "\FirstDesk"
#if !FileExists(AppDir + "\" + AppExe)
  #error dist\FirstDesk\FirstDesk.exe not found: run python packaging\build.py first
#endif
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(AppDir + "\" + AppExe)
#endif
#define NumericVersion GetVersionNumbersString(AppDir + "\" + AppExe)

; Simplified Chinese, the clerks' language: Inno Setup's official ChineseSimplified.isl
; (shipped from Inno Setup 7.0.2 on) when the compiler has it, else FirstDesk's own
; translation in packaging\installer\ (for older compilers, like the npm package used under
; wine). /DRequireChinese — every release build — turns a missing one into an error instead
; of an English-only installer.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "installer\ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "installer\ChineseSimplified.isl"
#elif defined(RequireChinese)
  #error ChineseSimplified.isl not found: the installer would not be Chinese
#else
  #pragma warning "ChineseSimplified.isl not found: the installer will be English only"
#endif

[Setup]
; The AppId identifies FirstDesk to Windows for upgrades and uninstall: never change it.
AppId={{00750707-1928-4206-ABFF-CAE7CD3D6A88}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=FirstDesk
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
DefaultDirName={autopf}\FirstDesk
DisableProgramGroupPage=yes
; Administrators install for all users into Program Files; a clerk without admin rights can
; choose "only for me" (%LOCALAPPDATA%\Programs\FirstDesk). /ALLUSERS or /CURRENTUSER on the
; command line decide it for a silent install.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6.11 supports Windows 10 1809 (build 17763) and later; it needs the system ICU.
MinVersion=10.0.17763
OutputDir={#DistDir}
OutputBaseFilename=FirstDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\firstdesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running FirstDesk before replacing its files (Restart Manager).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
#ifdef ChineseIsl
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.DataKept=FirstDesk has been removed. Each user's case register, logs and backups were kept in:%n%1%nDelete that folder only when the cases are no longer needed.
#ifdef ChineseIsl
chinesesimplified.DataKept=首问台已卸载。每位用户的事项数据、日志和备份仍保留在：%n%1%n确定不再需要这些事项记录时，才可删除该文件夹。
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurStepChanged(CurStep: TSetupStep);
begin
  // Names the wizard's language in the install log: the release checks read it.
  if CurStep = ssInstall then
    Log('FirstDesk installer language: ' + ActiveLanguage + ' | ' + SetupMessage(msgButtonNext));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), ['%LOCALAPPDATA%\FirstDesk\FirstDesk']),
      mbInformation, MB_OK);
end;
