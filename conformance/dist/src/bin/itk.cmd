@echo off
rem itk: the Issuetrak interop kit's command line, from the release archive (docs/install.md).
rem Needs only a JDK or JRE 17+ (JAVA_HOME, or java on PATH). The archive's folder is the kit's
rem root: fixtures\, polyglot-samples\ and docs\ are read from it.
setlocal
set "ITK_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_CMD=java"
)
set "ITK_CP=%ITK_HOME%\lib\*"
if exist "%ITK_HOME%\lib\embedded\polyglot-*.jar" set "ITK_CP=%ITK_CP%;%ITK_HOME%\lib\embedded\*"
"%JAVA_CMD%" %ITK_JAVA_OPTS% "-Ditk.root=%ITK_HOME%" -cp "%ITK_CP%" dev.itk.cli.Itk %*
exit /b %ERRORLEVEL%
