// Owner-only files and directories: everything SkyTwin keeps in $SKYTWIN_DATA_DIR (credentials,
// the embedded database, logs, pid and lock files) is 0700/0600 whatever the process umask.
export { ensurePrivateDir, tightenPath, tightenTree, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files.js';
