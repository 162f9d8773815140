"""Known vulnerabilities in the installed dependencies (`make audit`).

Runs pip-audit against PyPI's vulnerability data and reads its JSON report:
fails on any known vulnerability; says so plainly, and does not fail, when
the data could not be reached (pip-audit then marks every dependency as "not
found on PyPI" and would otherwise report "no known vulnerabilities").
"""

import json
import subprocess
import sys

COMMAND = [sys.executable, "-m", "pip_audit", "--vulnerability-service", "pypi",
           "--skip-editable", "--progress-spinner", "off", "--format", "json"]


def main() -> int:
    done = subprocess.run(COMMAND, capture_output=True, text=True, timeout=600,  # noqa: S603
                          check=False)  # a fixed command
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print("pip-audit could not run or reach PyPI's vulnerability data; "
              "dependency audit SKIPPED.\n" + done.stderr.strip()[-2000:])
        return 0
    dependencies = report.get("dependencies", [])
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    vulnerable = [dep for dep in dependencies if dep.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    audited = len(dependencies) - len(skipped)
    if vulnerable:
        return 1
    if dependencies and not audited:
        print(f"PyPI's vulnerability data could not be reached from this machine: none of "
              f"the {len(dependencies)} dependencies could be audited; dependency audit "
              "SKIPPED (run `make audit` where pypi.org answers).")
        return 0
    print(f"pip-audit: no known vulnerabilities in {audited} dependencies"
          + (f" ({len(skipped)} could not be audited: "
             + ", ".join(dep["name"] for dep in skipped) + ")" if skipped else "") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
