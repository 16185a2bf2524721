"""Session fixtures for the end-to-end tests: a live Odoo server on free
loopback ports against the database built by `make test`, XML-RPC clients
and a headless Chromium (Debian's chromium + chromedriver)."""
import os
import pathlib
import signal
import socket
import subprocess
import threading
import time
import urllib.request
import xmlrpc.client

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
DB = os.environ.get("TEST_DB", "callcenter_test")
# Odoo add-ons used by the Odoo test layer, not pytest modules
collect_ignore = ["odoo_addons"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout, what, interval=0.2):
    """Poll ``predicate`` until it returns a truthy value or time runs out."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %ss waiting for %s" % (timeout, what))
        pause.wait(interval)


class Server:
    def __init__(self, url, db, longpolling_port):
        self.url = url
        self.db = db
        self.longpolling_port = longpolling_port

    def rpc(self, login, password):
        return RpcClient(self, login, password)


class RpcClient:
    """XML-RPC as a given user (execute_kw)."""

    def __init__(self, server, login, password):
        self.server = server
        self.password = password
        common = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/common")
        self.uid = common.authenticate(server.db, login, password, {})
        assert self.uid, "login %s refused" % login
        self.models = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.server.db, self.uid, self.password, model, method,
                                      list(args), kwargs)

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        found = self("ir.model.data", "search_read",
                     [("module", "=", module), ("name", "=", name)], ["res_id"])
        assert found, "no record %s" % xmlid
        return found[0]["res_id"]


def _responds(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def odoo_server():
    http_port, odoo_port, lp_port = free_port(), free_port(), free_port()
    logdir = ROOT / ".run" / "test"
    logdir.mkdir(parents=True, exist_ok=True)
    log = open(logdir / "server.log", "w")
    env = dict(os.environ, EXTRA_ADDONS=str(ROOT / "tests" / "odoo_addons"),
               PUBLIC_PORT=str(http_port), ODOO_PORT=str(odoo_port), LP_PORT=str(lp_port),
               RUN_DIR=str(logdir / "serve"))
    proc = subprocess.Popen(
        [str(ROOT / "scripts" / "serve.sh"), DB, "--workers=2", "--max-cron-threads=0"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT),
        start_new_session=True)
    url = "http://127.0.0.1:%d" % http_port
    try:
        wait_until(lambda: proc.poll() is not None or _responds(url + "/web/login"),
                   180, "Odoo to serve %s" % url)
        assert proc.poll() is None, "Odoo exited early; see .run/test/server.log"
        yield Server(url, DB, lp_port)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


class Nodes(Server):
    """Several Odoo nodes behind one nginx (`NODES=N scripts/serve.sh`):
    ``url`` is the balanced address, ``nodes[k]`` a Server that reaches only
    node k's workers and long-polling process."""

    def __init__(self, url, db, nodes, worker_ports, access_log):
        super().__init__(url, db, None)
        self.nodes = nodes
        self.worker_ports = worker_ports
        self.access_log = access_log

    def answered(self):
        """(public port, upstream address, uri) of each request nginx passed
        on, from its access log."""
        if not self.access_log.exists():
            return []
        lines = self.access_log.read_text().splitlines()
        return [(fields[1], fields[2], fields[5]) for fields in map(str.split, lines)
                if len(fields) >= 6]


def _serve(db, env_extra, args, log_path):
    """Start scripts/serve.sh in its own process group; the process."""
    log = open(log_path, "w")
    env = dict(os.environ, EXTRA_ADDONS=str(ROOT / "tests" / "odoo_addons"), **env_extra)
    proc = subprocess.Popen([str(ROOT / "scripts" / "serve.sh"), db] + args,
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT),
                            start_new_session=True)
    proc.log = log
    return proc


def _stop(proc):
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.log.close()


@pytest.fixture(scope="module")
def odoo_nodes():
    """Two Odoo nodes (each with its workers and long-polling process) behind
    one nginx, against TEST_DB: started once per test module."""
    count = 2
    public = free_port()
    ports = {name: [free_port() for _k in range(count)]
             for name in ("ODOO_PORTS", "LP_PORTS", "NODE_PORTS")}
    logdir = ROOT / ".run" / "test"
    logdir.mkdir(parents=True, exist_ok=True)
    run_dir = logdir / "nodes"
    access_log = run_dir / "nginx-access.log"
    if access_log.exists():
        access_log.unlink()
    env = {name: " ".join(map(str, values)) for name, values in ports.items()}
    env.update(NODES=str(count), PUBLIC_PORT=str(public), RUN_DIR=str(run_dir))
    proc = _serve(DB, env, ["--workers=2", "--max-cron-threads=0"], logdir / "nodes.log")
    url = "http://127.0.0.1:%d" % public
    nodes = [Server("http://127.0.0.1:%d" % port, DB, lp_port)
             for port, lp_port in zip(ports["NODE_PORTS"], ports["LP_PORTS"])]
    try:
        # a node's port is nginx's, which serve.sh opens once every
        # long-polling process has answered a poll (each loads the registry
        # at its first one): a page's first poll is then answered in full
        for node in nodes:
            wait_until(lambda: proc.poll() is not None or _responds(node.url + "/web/login"),
                       400, "Odoo to serve %s" % node.url)
            assert proc.poll() is None, "a node exited early; see .run/test/nodes.log"
        yield Nodes(url, DB, nodes, ports["ODOO_PORTS"], access_log)
    finally:
        _stop(proc)


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--lang=en-US",
                "--user-data-dir=%s" % (tmp_path / "chromium-profile")):
        options.add_argument(arg)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, keep a screenshot and the page's HTML in
    .run/test/ for the person reading the failure."""
    outcome = yield
    report = outcome.get_result()
    driver = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and driver is not None:
        target = ROOT / ".run" / "test" / item.name
        try:
            driver.save_screenshot(str(target) + ".png")
            (target.parent / (item.name + ".html")).write_text(driver.page_source)
            logs = driver.get_log("browser")
            (target.parent / (item.name + ".console.txt")).write_text(
                "\n".join(str(line) for line in logs))
        except Exception as exc:  # the browser may be gone; the report matters more
            report.sections.append(("artifacts", "could not save: %s" % exc))
