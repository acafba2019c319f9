"""A real Neo4j Community server on this machine, without Docker.

The server's jars come from Maven Central through ``server/pom.xml`` (the
runtime closure of ``org.neo4j.assembly:neo4j-community-standalone``, which is
what the official tarball's ``lib/`` holds). They are fetched once into
``<state_dir>/lib`` and shared by every instance. Each instance is a Neo4j home
of its own, ``<state_dir>/instances/<name>`` (conf/ data/ logs/ run/ import/
plugins/), and runs as ONE detached JVM (``org.neo4j.server.CommunityEntryPoint
--console-mode``, the command ``neo4j console --dry-run`` prints), so stopping
it is a SIGTERM to one pid.

Standard library only: nothing here needs the driver.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import LiaisonError

__all__ = ["LocalServer", "ServerError", "ServerStatus"]

#: server/pom.xml of the repository (present in a checkout / editable install).
REPO_POM = Path(__file__).resolve().parents[1] / "server" / "pom.xml"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.server.startup.Neo4jAdminBoot"
#: Java versions Neo4j 5.26 supports.
SUPPORTED_JAVA = (17, 21)
MARKER = ".complete"

#: The JVM options of the official 5.26 neo4j.conf, minus -XX:+AlwaysPreTouch
#: (it makes the JVM touch the whole heap at start: slower start, bigger RSS,
#: nothing gained on a development server).
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
)

# Used only when the package runs outside a checkout (no server/pom.xml).
_FALLBACK_POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>liaison</groupId>
  <artifactId>neo4j-server-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <properties>
    <neo4j.version>5.26.30</neo4j.version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.neo4j.assembly</groupId>
      <artifactId>neo4j-community-standalone</artifactId>
      <version>${neo4j.version}</version>
      <type>pom</type>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
        <configuration>
          <includeScope>runtime</includeScope>
          <excludeTypes>pom</excludeTypes>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


class ServerError(LiaisonError):
    """The local server could not be provisioned, started or stopped.

    The message says what to do next.
    """


@dataclass
class ServerStatus:
    running: bool
    pid: int | None
    uri: str
    version: str | None
    home: Path


@dataclass
class LocalServer:
    state_dir: Path
    name: str = "main"
    bolt_port: int = 7687
    heap: str = "512m"
    pagecache: str = "256m"
    version: str = "5.26.30"

    def __post_init__(self) -> None:
        self.state_dir = Path(self.state_dir).expanduser().resolve()
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", self.name):
            raise ServerError(f"Instance name {self.name!r}: use letters, digits, '.', '_' or '-'.")
        self._proc: subprocess.Popen | None = None  # set when this process launched it
        self._java: str | None = None

    # ------------------------------------------------------------------ paths
    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def lib_dir(self) -> Path:
        return self.state_dir / "lib"

    @property
    def home(self) -> Path:
        return self.state_dir / "instances" / self.name

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    # -------------------------------------------------------------- provision
    def provision(self, log=print) -> bool:
        """Fetch the server's jars if needed and write the instance's conf.

        Returns True if it downloaded. A complete lib/ (marker file naming
        this version) means no Maven run at all.
        """
        downloaded = False
        if not self._lib_complete():
            self._download(log)
            downloaded = True
        self._write_conf()
        return downloaded

    def _lib_complete(self) -> bool:
        marker = self.lib_dir / MARKER
        try:
            recorded = marker.read_text(encoding="utf-8").strip()
        except OSError:
            return False
        return recorded == self.version and (self.lib_dir / f"neo4j-kernel-{self.version}.jar").is_file()

    def _download(self, log) -> None:
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven (mvn) is not on PATH; it fetches the Neo4j server from Maven Central. "
                "Install it (Debian: apt-get install maven) and run again."
            )
        java = self._find_java()
        pom = REPO_POM
        self.state_dir.mkdir(parents=True, exist_ok=True)
        if not pom.is_file():
            pom = self.state_dir / "pom.xml"
            pom.write_text(_FALLBACK_POM, encoding="utf-8")
        tmp = self.state_dir / f"lib.partial-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        cmd = [
            mvn, "-B", "-q", "-Dstyle.color=never", "-f", str(pom),
            "dependency:copy-dependencies",
            f"-Dneo4j.version={self.version}",
            f"-DoutputDirectory={tmp}",
            "-DincludeScope=runtime", "-DexcludeTypes=pom",
        ]
        env = dict(os.environ)
        env.setdefault("JAVA_HOME", str(Path(java).resolve().parents[1]))
        log(f"Fetching Neo4j {self.version} server jars from Maven Central into {self.lib_dir} (about 125 MB)...")
        started = time.monotonic()
        try:
            result = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env)
        except OSError as exc:
            raise ServerError(f"Could not run Maven ({mvn}): {exc}.") from exc
        if result.returncode != 0 or not (tmp / f"neo4j-kernel-{self.version}.jar").is_file():
            shutil.rmtree(tmp, ignore_errors=True)
            output = (result.stdout + result.stderr).strip().splitlines()
            tail = "\n".join(output[-15:]) or "(no output)"
            raise ServerError(
                f"Fetching Neo4j {self.version} from Maven Central failed (mvn exit {result.returncode}). "
                f"Check the network access to Maven Central and that version {self.version} exists, "
                f"then run again. Last Maven output:\n{tail}"
            )
        (tmp / MARKER).write_text(self.version + "\n", encoding="utf-8")
        # Swap in the new lib/ whole, so a half-fetched or older set never mixes in.
        old = self.state_dir / f"lib.old-{os.getpid()}"
        if self.lib_dir.exists():
            self.lib_dir.rename(old)
        tmp.rename(self.lib_dir)
        shutil.rmtree(old, ignore_errors=True)
        jars = sum(1 for _ in self.lib_dir.glob("*.jar"))
        log(f"Fetched {jars} jars in {time.monotonic() - started:.0f} s.")

    def _write_conf(self) -> None:
        home = self.home
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        port = int(self.bolt_port)
        lines = [
            "# Written by liaison.server.LocalServer on every provision/start: edits here are lost.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            f"server.directories.data={home / 'data'}",
            f"server.directories.logs={home / 'logs'}",
            f"server.directories.run={home / 'run'}",
            f"server.directories.import={home / 'import'}",
            f"server.directories.plugins={home / 'plugins'}",
            f"server.directories.lib={self.lib_dir}",
            f"server.directories.licenses={home / 'licenses'}",
            f"server.directories.transaction.logs.root={home / 'data' / 'transactions'}",
            f"server.directories.dumps.root={home / 'data' / 'dumps'}",
            f"server.memory.heap.initial_size={self.heap}",
            f"server.memory.heap.max_size={self.heap}",
            f"server.memory.pagecache.size={self.pagecache}",
            # The Bolt server otherwise waits out two 5 s Netty quiet periods on shutdown.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
            "db.tx_log.rotation.retention_policy=2 files",
            # LOAD CSV can read neither the server's files nor any address on the network,
            # whatever reaches the server (the console refuses it too: liaison.console).
            "dbms.security.allow_csv_import_from_file_urls=false",
            "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
        ]
        lines += [f"server.jvm.additional={opt}" for opt in JVM_OPTIONS]
        _write_if_changed(self.conf_dir / "neo4j.conf", "\n".join(lines) + "\n")

    # ------------------------------------------------------------------ start
    def start(self, password: str, timeout: float = 180, log=print) -> ServerStatus:
        """Start the instance (provisioning first if needed) and wait until Bolt serves.

        Idempotent: an instance already running is waited for and returned.
        The initial password is set only before the instance's first start.
        """
        if not password or len(password) < 8 or password == "neo4j":
            raise ServerError("The Neo4j password must have at least 8 characters and not be 'neo4j'.")
        if password.startswith("-"):
            # neo4j-admin would read it as an option and the server would never start.
            raise ServerError("The Neo4j password must not start with '-': choose another NEO4J_PASSWORD.")
        deadline = time.monotonic() + timeout
        pid = self._live_pid()
        if pid is not None:
            self._wait_ready(pid, deadline, timeout, offset=0)
            return self.status()
        self.provision(log=log)
        self.pid_file.unlink(missing_ok=True)
        if _port_answers(self.bolt_port):
            raise ServerError(
                f"Port 127.0.0.1:{self.bolt_port} is already in use by another process "
                f"(not instance '{self.name}' of {self.state_dir}). Stop that process, "
                f"or choose another bolt_port."
            )
        java = self._find_java()
        env = dict(os.environ, NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.conf_dir))
        env.pop("JAVA_TOOL_OPTIONS", None)
        if not (self.home / "data" / "databases" / "system").exists():
            self._set_initial_password(java, password, env)
        cmd = [
            java,
            "-cp", f"{self.conf_dir}/*:{self.lib_dir}/*:{self.home / 'plugins'}/*",
            *JVM_OPTIONS,
            "-Dfile.encoding=UTF-8",
            f"-Xms{self.heap}", f"-Xmx{self.heap}",
            MAIN_CLASS,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
            "--console-mode",
        ]
        self.console_log.parent.mkdir(parents=True, exist_ok=True)
        offset = self.console_log.stat().st_size if self.console_log.exists() else 0
        log(f"Starting Neo4j '{self.name}' on {self.uri} (log: {self.console_log})...")
        with open(self.console_log, "ab") as out:
            try:
                self._proc = subprocess.Popen(
                    cmd, cwd=self.home, env=env, stdin=subprocess.DEVNULL, stdout=out,
                    stderr=subprocess.STDOUT, start_new_session=True, close_fds=True,
                )
            except OSError as exc:
                raise ServerError(f"Could not run {java}: {exc}.") from exc
        self.pid_file.write_text(f"{self._proc.pid}\n", encoding="utf-8")
        started = time.monotonic()
        self._wait_ready(self._proc.pid, deadline, timeout, offset)
        log(f"Neo4j '{self.name}' is ready on {self.uri} ({time.monotonic() - started:.1f} s).")
        return self.status()

    def _set_initial_password(self, java: str, password: str, env: dict) -> None:
        cmd = [java, "-cp", f"{self.lib_dir}/*", ADMIN_CLASS, "dbms", "set-initial-password", password]
        try:
            result = subprocess.run(
                cmd, cwd=self.home, env=env, stdin=subprocess.DEVNULL,
                capture_output=True, text=True, timeout=300,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ServerError(f"Setting the initial Neo4j password failed: {exc}.") from exc
        if result.returncode != 0:
            detail = (result.stdout + result.stderr).replace(password, "***").strip()
            raise ServerError(f"Setting the initial Neo4j password failed (exit {result.returncode}): {detail}")

    # ------------------------------------------------------------------ admin
    def admin(self, *args: str, timeout: float = 3600, secrets: tuple[str, ...] = (),
              env: dict | None = None) -> subprocess.CompletedProcess:
        """Run a neo4j-admin command for this instance, e.g. ``admin("database", "info")``.

        Runs the same JVM entry point as the ``neo4j-admin`` script, with this
        instance's NEO4J_HOME and NEO4J_CONF (the conf is written first), and
        returns the finished process (text stdout/stderr). A non-zero exit, a
        timeout or a missing Java raises ServerError with the command and the
        last lines of its output; any value in `secrets` (and the argument
        after ``set-initial-password``) is masked as ``***`` in the message.
        `env` adds environment variables (e.g. HEAP_SIZE, the heap of the
        neo4j-admin JVM). Offline commands (import, load, dump) need the
        instance stopped.
        """
        if not self._lib_complete():
            raise ServerError(
                f"The Neo4j {self.version} jars are not in {self.lib_dir}: provision the server first "
                "(liaison neo4j start, or LocalServer.provision())."
            )
        self._write_conf()
        java = self._find_java()
        args = tuple(str(a) for a in args)
        hidden = set(s for s in secrets if s)
        for i, a in enumerate(args[:-1]):
            if a == "set-initial-password":
                hidden.add(args[i + 1])

        def mask(text: str) -> str:
            for s in sorted(hidden, key=len, reverse=True):
                text = text.replace(s, "***")
            return text

        env = dict(os.environ, **(env or {}), NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.conf_dir))
        env.pop("JAVA_TOOL_OPTIONS", None)
        cmd = [java, "-cp", f"{self.lib_dir}/*", ADMIN_CLASS, *args]
        shown = mask(" ".join(["neo4j-admin", *args]))
        if len(shown) > 300:
            shown = shown[:300] + " ..."
        try:
            result = subprocess.run(
                cmd, cwd=self.home, env=env, stdin=subprocess.DEVNULL,
                capture_output=True, text=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            out = _text(exc.stdout) + _text(exc.stderr)
            raise ServerError(
                f"`{shown}` for instance '{self.name}' did not finish within {timeout:.0f} s. "
                f"Last output:\n{mask(_tail(out))}"
            ) from None
        except OSError as exc:
            raise ServerError(f"Could not run {java} for `{shown}`: {exc}.") from exc
        if result.returncode != 0:
            raise ServerError(
                f"`{shown}` failed for instance '{self.name}' (exit {result.returncode}). "
                f"Last output:\n{mask(_tail(result.stdout + result.stderr))}"
            )
        return result

    def _wait_ready(self, pid: int, deadline: float, timeout: float, offset: int) -> None:
        while True:
            if not self._alive(pid):
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(
                    f"Neo4j '{self.name}' exited during start-up. See {self.console_log} "
                    f"(and {self.home / 'logs' / 'debug.log'}); last lines:\n{self._log_tail(offset)}"
                )
            if self._log_says_started(offset) and _bolt_handshake(self.bolt_port):
                return
            if time.monotonic() >= deadline:
                self.stop()
                raise ServerError(
                    f"Neo4j '{self.name}' was not ready on {self.uri} within {timeout:.0f} s, so it "
                    f"was stopped. See {self.console_log}; on a busy machine start again with a "
                    f"longer timeout."
                )
            time.sleep(0.25)

    def _log_says_started(self, offset: int) -> bool:
        try:
            with open(self.console_log, "rb") as fh:
                fh.seek(offset)
                return b" INFO  Started." in fh.read()
        except OSError:
            return False

    def _log_tail(self, offset: int, lines: int = 20) -> str:
        try:
            with open(self.console_log, "rb") as fh:
                fh.seek(offset)
                text = fh.read().decode("utf-8", "replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.strip().splitlines()[-lines:]) or "(empty log)"

    # ------------------------------------------------------------------- stop
    def stop(self, timeout: float = 60) -> bool:
        """SIGTERM the instance, SIGKILL it after `timeout` s. Returns whether it was running."""
        pid = self._live_pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + timeout
        while self._alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if self._alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            kill_deadline = time.monotonic() + 10
            while self._alive(pid) and time.monotonic() < kill_deadline:
                time.sleep(0.1)
        self.pid_file.unlink(missing_ok=True)
        self._proc = None
        return True

    # ----------------------------------------------------------------- status
    def status(self) -> ServerStatus:
        pid = self._live_pid()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            uri=self.uri,
            version=self._installed_version(),
            home=self.home,
        )

    def _installed_version(self) -> str | None:
        for jar in self.lib_dir.glob("neo4j-kernel-*.jar"):
            m = re.fullmatch(r"neo4j-kernel-(\d+\.\d+\.\d+)\.jar", jar.name)
            if m:
                return m.group(1)
        try:
            return (self.lib_dir / MARKER).read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    # -------------------------------------------------------------- processes
    def _live_pid(self) -> int | None:
        """The pid in run/neo4j.pid if that process is alive and is this instance."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if self._alive(pid) else None

    def _alive(self, pid: int) -> bool:
        if self._proc is not None and self._proc.pid == pid:
            return self._proc.poll() is None  # also reaps our own child
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        proc = Path(f"/proc/{pid}")
        if proc.is_dir():  # Linux: rule out zombies and a reused pid
            try:
                stat = (proc / "stat").read_text()
                if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return False
                cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                return False
            return MAIN_CLASS.encode() in cmdline and f"--home-dir={self.home}".encode() in cmdline
        return True

    def _find_java(self) -> str:
        if self._java:
            return self._java
        candidates: list[str] = []
        if os.environ.get("JAVA_HOME"):
            candidates.append(str(Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
        on_path = shutil.which("java")
        if on_path:
            candidates.append(on_path)
        jvm_root = Path("/usr/lib/jvm")
        if jvm_root.is_dir():
            candidates += [str(p / "bin" / "java") for p in sorted(jvm_root.iterdir(), reverse=True)]
        seen = []
        for cand in candidates:
            if not os.access(cand, os.X_OK):
                continue
            major = _java_major(cand)
            seen.append(f"{cand} ({major or '?'})")
            if major in SUPPORTED_JAVA:
                self._java = cand
                return cand
        found = ", ".join(seen) or "none"
        raise ServerError(
            f"Neo4j {self.version} needs Java 17 or 21; found: {found}. Install one "
            "(Debian: apt-get install openjdk-17-jre-headless) or point JAVA_HOME at it."
        )


# ---------------------------------------------------------------------- helpers
def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _text(value) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:]) or "(no output)"


def _java_major(java: str) -> int | None:
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def _port_answers(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _bolt_handshake(port: int, host: str = "127.0.0.1") -> bool:
    """True if a Bolt server answers the version handshake on the port."""
    # Magic preamble, then four proposals: 5.8 down to 5.0, 4.4 down to 4.2, 3, none.
    hello = bytes.fromhex("6060B017" "00080805" "00020404" "00000003" "00000000")
    try:
        with socket.create_connection((host, port), timeout=2) as sock:
            sock.settimeout(2)
            sock.sendall(hello)
            reply = b""
            while len(reply) < 4:
                chunk = sock.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
    except OSError:
        return False
    return reply != b"\0\0\0\0"
