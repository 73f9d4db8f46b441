#!/bin/sh
# Install the Debian packages the tests drive, if they are missing:
#   chromium          the browser the Playwright tests launch (/usr/bin/chromium)
#   libreoffice-writer converts exported Word files to PDF in the tests
#   poppler-utils     pdftotext / pdftoppm, to read those PDFs
#   fonts-dejavu-core the font the toolkit's charts and documents use
#   bubblewrap        confines each participant's lesson server (algca workshop --lan; docs/security.md)
#   iproute2          the security tests put a participant in a network namespace of their own
set -e
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need="$need fonts-dejavu-core"
command -v bwrap >/dev/null 2>&1 || need="$need bubblewrap"
command -v ip >/dev/null 2>&1 || need="$need iproute2"
[ -z "$need" ] && exit 0
echo "Installing system packages:$need"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "Please install as root: apt-get install$need" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
