#!/usr/bin/python3
"""Side-by-side benchmark: our three sources in headless OBS against a browser overlay (headless Chromium
rendering tests/bench/peer/overlay.html, plus OBS compositing one full-canvas texture). Run through
tests/bench/run-bench.sh, which builds what it needs; figures, not a test. Standard library only.

Every OBS run is its own process (tests/bench/obs-bench.cpp on the real libobs, under Xvfb with Mesa
llvmpipe, 1280x720 at 60 fps); every figure is measured from outside through /proc, the same way for
OBS and for Chromium. "Added" is a scene minus the canvas alone (the backdrop, our module loaded, no
source of ours: no engine, no connector).
"""
import argparse
import json
import os
import queue
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, 'peer'))
import procstat  # noqa: E402
import wsfeed  # noqa: E402

CHROMIUM = '/usr/bin/chromium'
# Debian's headless Chromium: no GPU, no network services; the window is 143 px taller than the page.
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                  '--disable-background-networking', '--disable-component-update', '--disable-sync',
                  '--hide-scrollbars', '--mute-audio', '--window-size=1280,863']
DEMO = os.path.join(ROOT, 'data', 'demo', 'demo-stream.jsonl')
# Every run bench.py can do, in the order it does them (--scenes picks some).
SCENES = ['canvas', 'ours', 'still', 'composite', 'chromium', 'ours_idle', 'alerts_idle', 'chromium_idle', 'latency_idle',
          'latency_storm', 'peer_latency_idle', 'peer_latency_storm', 'soak']


def log(message):
    print('bench: ' + message, file=sys.stderr, flush=True)


def load():
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


# Where the bench scene's three sources lie on the canvas (x, y, width, height): Gift Alerts, Goal Bar, Top
# Supporters (specs/ours.json; about the list's height with its header and five rows).
PANELS = [(320, 40, 640, 160), (240, 600, 800, 100), (880, 150, 380, 440)]


def standin_png(path, width=1280, height=720, panels=PANELS):
    """An RGBA picture, transparent but for `panels`: by default 1280x720 with the three sources' places, what a
    browser source hands OBS each frame, as a still picture (OBS's image source draws it)."""
    rows = []
    for y in range(height):
        row = bytearray(width * 4)
        for x0, y0, w, h in panels:
            if y0 <= y < y0 + h:
                row[x0 * 4:(x0 + w) * 4] = bytes((40, 30, 60, 230)) * w
        rows.append(b'\0' + bytes(row))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 6, 0, 0, 0)) +
                chunk(b'IDAT', zlib.compress(b''.join(rows), 6)) + chunk(b'IEND', b''))


class Lines:
    """A child's stdout lines, read on a thread."""

    def __init__(self, stream):
        self.queue = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line.rstrip('\n'))
        self.queue.put(None)

    def wait_for(self, prefix, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.queue.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = ''
            if line is None or time.monotonic() > deadline:
                raise RuntimeError('no "%s" line' % prefix)
            if line.startswith(prefix):
                return line[len(prefix):].strip()


class Obs:
    def __init__(self, build, out):
        self.exe = os.path.join(build, 'tests', 'bench', 'live_gifts_obs_bench')
        self.base = [os.path.join(ROOT, 'tests', 'tools', 'with-xvfb.sh'), self.exe,
                     '--module', os.path.join(build, 'plugin', 'obs', 'obs-live-gifts.so'),
                     '--data', os.path.join(build, 'module-data')]
        self.out = out
        self.image = os.path.join(out, 'overlay-standin.png')
        standin_png(self.image)
        # The floor (specs/still-images.json): each panel as a still picture of its own size.
        for name, (_, _, width, height) in zip(('alert', 'goal', 'top'), PANELS):
            standin_png(os.path.join(out, 'still-%s.png' % name), width, height, [(0, 0, width, height)])

    def start(self, spec, args):
        env = dict(os.environ, QT_QPA_PLATFORM='offscreen')
        logfile = open(os.path.join(self.out, 'obs-%s.log' % os.path.basename(spec)[:-5]), 'a')
        proc = subprocess.Popen(self.base + ['--spec', os.path.join(HERE, 'specs', spec), '--image', self.image] + args,
                                stdout=subprocess.PIPE, stderr=logfile, text=True, env=env)
        lines = Lines(proc.stdout)
        pid = int(lines.wait_for('bench: ready pid=', 90))
        return proc, lines, pid

    def measure(self, spec, window, warmup):
        """CPU per thread group and memory of one OBS process holding the spec's scene."""
        before = load()
        proc, lines, pid = self.start(spec, ['--seconds', str(warmup + window + 2)])
        time.sleep(warmup)
        result = measure_window(lambda: [pid], window, threads_of=[pid])
        frames = json.loads(lines.wait_for('bench-frames:', window + 60))
        proc.wait(60)
        result.update(frames=frames, load_before=before, load_after=load())
        return result

    def latency(self, probes, storm):
        before = load()
        proc, lines, _ = self.start('latency.json', ['--probes', str(probes), '--storm', str(storm)])
        result = json.loads(lines.wait_for('bench-latency:', probes * 15 + 120))
        proc.wait(60)
        result.update(load_before=before, load_after=load())
        return result

    def soak(self, seconds, every, samples):
        proc, _, pid = self.start('ours.json', ['--seconds', str(seconds + 5)])
        samples.extend(memory_series(lambda: [pid], seconds, every))
        proc.wait(120)


def measure_window(pids_of, window, threads_of):
    """CPU (whole processes, and per thread group of threads_of) and memory over `window` seconds."""
    last = {}  # pid -> last CPU seen (kept after the pid is gone)

    def sample_cpu():
        for pid in pids_of():
            cpu = procstat.process_cpu(pid)
            if cpu is not None:
                last[pid] = cpu

    sample_cpu()
    start_cpu = dict(last)
    threads0 = {pid: procstat.thread_cpu(pid) for pid in threads_of}
    memory = []
    t0 = time.monotonic()
    while time.monotonic() - t0 < window:
        time.sleep(min(1.0, max(0.0, window - (time.monotonic() - t0))))
        sample_cpu()
        rss = pss = anon = 0
        for pid in pids_of():
            kb = procstat.memory_kb(pid)
            if kb:
                rss += kb.get('Rss', 0)
                pss += kb.get('Pss', 0)
                anon += kb.get('Pss_Anon', 0)
        memory.append((time.monotonic() - t0, rss / 1024, pss / 1024, anon / 1024))
    wall = time.monotonic() - t0
    groups = {}
    for pid in threads_of:
        before = threads0.get(pid, {})
        for tid, (name, cpu) in procstat.thread_cpu(pid).items():
            group = procstat.group_of(name)
            groups[group] = groups.get(group, 0.0) + cpu - before.get(tid, (name, 0.0))[1]
    total = sum(cpu - start_cpu.get(pid, 0.0) for pid, cpu in last.items())
    half = [m for m in memory if m[0] >= wall / 2] or memory
    per_min = 60.0 / wall
    graphics = sum(v for k, v in groups.items() if k.startswith('libobs: graph'))
    llvmpipe = groups.get('llvmpipe', 0.0)
    return {'wall_s': round(wall, 2), 'total': total * per_min, 'llvmpipe': llvmpipe * per_min,
            'graphics': graphics * per_min, 'cpu_side': (total - llvmpipe) * per_min,
            'groups': {k: round(v * per_min, 3) for k, v in sorted(groups.items(), key=lambda kv: -kv[1])[:12]},
            'rss_mb': statistics.median(m[1] for m in half), 'pss_mb': statistics.median(m[2] for m in half),
            'pss_anon_mb': statistics.median(m[3] for m in half)}


def memory_series(pids_of, seconds, every):
    series, t0 = [], time.monotonic()
    while time.monotonic() - t0 < seconds:
        rss = pss = 0
        for pid in pids_of():
            kb = procstat.memory_kb(pid)
            if kb:
                rss += kb.get('Rss', 0)
                pss += kb.get('Pss', 0)
        series.append((round(time.monotonic() - t0, 1), round(rss / 1024, 1), round(pss / 1024, 1)))
        time.sleep(every)
    return series


class Chromium:
    """Headless Chromium showing the overlay page, fed over a local WebSocket."""

    def __init__(self, out, query=''):
        self.feed = wsfeed.Feed()
        self.profile = tempfile.mkdtemp(prefix='live-gifts-bench-chromium-')
        url = 'file://%s?ws=%d%s' % (os.path.join(HERE, 'peer', 'overlay.html'), self.feed.port, query)
        self.proc = subprocess.Popen([CHROMIUM] + CHROMIUM_FLAGS + ['--user-data-dir=' + self.profile, url],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(out, 'chromium.log'), 'a'))
        self.seen = set()
        if not self.feed.connected.wait(60):
            self.close()
            raise RuntimeError('the overlay page did not connect')
        deadline = time.monotonic() + 30
        while not self.feed.fps and time.monotonic() < deadline:
            time.sleep(0.1)
        viewport = self.feed.fps[-1][2] if self.feed.fps else None
        if viewport != (1280, 720):
            log('warning: the page is %s, not 1280x720' % (viewport,))

    def pids(self):
        found = procstat.tree(self.proc.pid, self.profile.encode())
        self.seen |= found
        return found

    def fps(self, since):
        values = [fps for t, fps, _ in self.feed.fps if t >= since]
        return statistics.median(values) if values else None

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        deadline = time.monotonic() + 5
        left = {pid for pid in self.seen if procstat.process_cpu(pid) is not None}
        while left and time.monotonic() < deadline:
            time.sleep(0.1)
            left = {pid for pid in left if procstat.process_cpu(pid) is not None}
        for pid in left:  # only processes this run started
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        self.feed.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def chromium_measure(out, animate, window, warmup):
    before = load()
    browser = Chromium(out)
    stop = threading.Event()
    if animate:
        threading.Thread(target=wsfeed.play_demo, args=(browser.feed, DEMO, stop), daemon=True).start()
    try:
        time.sleep(warmup)
        since = time.monotonic()
        pids = sorted(browser.pids())
        result = measure_window(browser.pids, window, threads_of=pids)
        result['fps'] = browser.fps(since)
        result['processes'] = len(browser.seen)
    finally:
        stop.set()
        browser.close()
    result.update(load_before=before, load_after=load())
    return result


def chromium_latency(out, probes, storm):
    before = load()
    browser = Chromium(out, '&min=100&goal=1000000')
    try:
        result = wsfeed.probes(browser.feed, probes, storm)
    finally:
        browser.close()
    result.update(load_before=before, load_after=load())
    return result


def chromium_soak(out, seconds, every, samples):
    browser = Chromium(out)
    stop = threading.Event()
    threading.Thread(target=wsfeed.play_demo, args=(browser.feed, DEMO, stop), daemon=True).start()
    try:
        samples.extend(memory_series(browser.pids, seconds, every))
    finally:
        stop.set()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--build', required=True, help='a build tree with live_gifts_obs_bench and the module')
    parser.add_argument('--out', help='where results go (default BUILD/bench-results)')
    parser.add_argument('--seconds', type=float, default=30, help='measurement window of each run')
    parser.add_argument('--warmup', type=float, default=5)
    parser.add_argument('--rounds', type=int, default=1, help='rounds of every run, alternating; medians')
    parser.add_argument('--probes', type=int, default=30, help='latency probes per run')
    parser.add_argument('--storm', type=float, default=1000, help='events per second of the storm')
    parser.add_argument('--soak-minutes', type=float, default=1, help='memory soak (10 for the report)')
    parser.add_argument('--no-peer', action='store_true', help='our side only')
    parser.add_argument('--scenes', help='comma-separated runs to do (default all): ' + ', '.join(SCENES))
    args = parser.parse_args()
    wanted = set(SCENES) if not args.scenes else set(args.scenes.split(','))
    unknown = wanted - set(SCENES)
    if unknown:
        parser.error('unknown scenes: %s (known: %s)' % (', '.join(sorted(unknown)), ', '.join(SCENES)))
    out = os.path.abspath(args.out or os.path.join(args.build, 'bench-results'))
    os.makedirs(out, exist_ok=True)
    peer = not args.no_peer and os.path.exists(CHROMIUM)
    if not peer and not args.no_peer:
        log('no %s (apt-get install -y chromium): the peer is not measured' % CHROMIUM)
    obs = Obs(os.path.abspath(args.build), out)
    runs = {}

    def run(name, what):
        if name not in wanted:
            return
        log('%s (load %s)' % (name, load()))
        runs.setdefault(name, []).append(what())

    started = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())
    for _ in range(args.rounds):
        run('canvas', lambda: obs.measure('canvas.json', args.seconds, args.warmup))
        run('ours', lambda: obs.measure('ours.json', args.seconds, args.warmup))
        run('still', lambda: obs.measure('still-images.json', args.seconds, args.warmup))
        run('composite', lambda: obs.measure('peer-composite.json', args.seconds, args.warmup))
        if peer:
            run('chromium', lambda: chromium_measure(out, True, args.seconds, args.warmup))
        run('ours_idle', lambda: obs.measure('ours-idle.json', args.seconds, args.warmup))
        run('alerts_idle', lambda: obs.measure('alerts-idle.json', args.seconds, args.warmup))
        if peer:
            run('chromium_idle', lambda: chromium_measure(out, False, args.seconds, args.warmup))
    run('latency_idle', lambda: obs.latency(args.probes, 0))
    run('latency_storm', lambda: obs.latency(args.probes, args.storm))
    if peer:
        run('peer_latency_idle', lambda: chromium_latency(out, args.probes, 0))
        run('peer_latency_storm', lambda: chromium_latency(out, args.probes, args.storm))
    soak_seconds = args.soak_minutes * 60
    every = max(2.0, soak_seconds / 60)
    if 'soak' in wanted:
        soak(obs, out, peer, soak_seconds, every, runs)
    results = {'started': started, 'finished': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()),
               'args': vars(args), 'runs': runs}
    with open(os.path.join(out, 'results.json'), 'w') as f:
        json.dump(results, f, indent=1)
    import report  # noqa: E402 (the table from the results)
    table = report.table(results)
    with open(os.path.join(out, 'table.md'), 'w') as f:
        f.write(table)
    print(table)
    log('raw figures: %s' % os.path.join(out, 'results.json'))


def soak(obs, out, peer, soak_seconds, every, runs):
    log('memory soak of %.0f s, both sides at once (load %s)' % (soak_seconds, load()))
    ours_series, peer_series = [], []
    threads = [threading.Thread(target=obs.soak, args=(soak_seconds, every, ours_series))]
    if peer:
        threads.append(threading.Thread(target=chromium_soak, args=(out, soak_seconds, every, peer_series)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    runs['soak'] = {'seconds': soak_seconds, 'ours': ours_series, 'peer': peer_series, 'load_after': load()}


if __name__ == '__main__':
    main()
