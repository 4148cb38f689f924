"""The side-by-side table (Markdown) from bench.py's results: medians over rounds, "added" = a scene
minus the canvas alone, percentiles by nearest rank."""
import math
import os
import platform
import statistics
import subprocess


# The latency probe's watched regions, as the table names them. The floor: OBS's own colour source changed at
# the moment each probe is submitted (what any OBS source reacting to something from outside shows at best).
REGION_NAMES = (('alert', 'alert'), ('top', 'supporters'), ('goal', 'goal bar'),
                ('floor', 'the floor (OBS\'s colour source changed at the same moment)'))


def median_of(runs, key):
    values = [run[key] for run in runs if run.get(key) is not None]
    return statistics.median(values) if values else None


def added(runs, name, key):
    scene, canvas = median_of(runs.get(name, []), key), median_of(runs.get('canvas', []), key)
    return None if scene is None or canvas is None else scene - canvas


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def num(value, digits=2):
    return '–' if value is None else ('%.*f' % (digits, value))


def lat(values, frame_ms):
    if not values:
        return 'not measured'
    p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
    return '%s / %s ms (%s / %s frames), n=%d' % (num(p50, 1), num(p99, 1), num(p50 / frame_ms, 2),
                                                  num(p99 / frame_ms, 2), len(values))


def machine():
    def dpkg(package):
        try:
            out = subprocess.run(['dpkg-query', '-W', '-f=${Version}', package], capture_output=True, text=True)
            return out.stdout.strip() or '?'
        except OSError:
            return '?'

    model = '?'
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                model = line.split(':', 1)[1].strip()
                break
    with open('/proc/meminfo') as f:
        memory = int(f.readline().split()[1]) // 1024 // 1024
    return ('%s, %d cores, %d GB RAM, Linux %s; libobs %s, Mesa llvmpipe %s, Chromium %s' %
            (model, os.cpu_count(), memory, platform.release(), dpkg('libobs0'), dpkg('libgl1-mesa-dri'),
             dpkg('chromium')))


def peer_latency(run, key):
    if not run:
        return 'not measured'
    values = [r[key] - r['sent'] for r in run[0]['reports']]
    return lat(values, 1000 / 60)


def table(results):
    runs = results['runs']
    lines = []
    add = lines.append
    chromium, chromium_idle = runs.get('chromium', []), runs.get('chromium_idle', [])

    def peer_sum(chromium_runs, key_chromium, key_obs):
        c = median_of(chromium_runs, key_chromium)
        o = added(runs, 'composite', key_obs)
        return None if c is None or o is None else c + o

    add('Machine: %s. Run %s to %s.' % (machine(), results['started'], results['finished']))
    add('')
    add('| 1280×720 at 60 fps | ours: Gift Alerts + Goal Bar + Top Supporters | peer: Chromium page + OBS compositing '
        'its full-canvas texture | target (ours) |')
    add('|---|---|---|---|')
    add('| CPU-side, CPU-s/min (process minus llvmpipe threads), demo stream | %s | %s (Chromium %s + OBS %s) | ≤ 0.5 |' %
        (num(added(runs, 'ours', 'cpu_side')), num(peer_sum(chromium, 'total', 'cpu_side')),
         num(median_of(chromium, 'total')), num(added(runs, 'composite', 'cpu_side'))))
    add('| OBS graphics thread, CPU-s/min | %s | %s | ≤ 0.45 |' %
        (num(added(runs, 'ours', 'graphics')), num(added(runs, 'composite', 'graphics'))))
    def rest(name):
        side, graphics = added(runs, name, 'cpu_side'), added(runs, name, 'graphics')
        return None if side is None or graphics is None else side - graphics

    add('| CPU-side outside the graphics thread (engine, raster worker, connector...), CPU-s/min | %s | %s | |' %
        (num(rest('ours')), num(rest('composite'))))
    add('| llvmpipe (the GPU\'s fill, done by the CPU here), CPU-s/min | %s | %s | |' %
        (num(added(runs, 'ours', 'llvmpipe')), num(added(runs, 'composite', 'llvmpipe'))))
    add('| total, CPU-s/min | %s | %s | ≤ 10 |' %
        (num(added(runs, 'ours', 'total')), num(peer_sum(chromium, 'total', 'total'))))
    add('| memory added, PSS / RSS MB (of the PSS, anonymous: heap and stacks; the rest is mapped files: '
        'libraries, fonts) | %s / %s (anonymous %s) | %s / %s (Chromium %s / %s + OBS %s / %s) | ≤ 15 |' %
        (num(added(runs, 'ours', 'pss_mb'), 1), num(added(runs, 'ours', 'rss_mb'), 1),
         num(added(runs, 'ours', 'pss_anon_mb'), 1),
         num(peer_sum(chromium, 'pss_mb', 'pss_mb'), 1), num(peer_sum(chromium, 'rss_mb', 'rss_mb'), 1),
         num(median_of(chromium, 'pss_mb'), 1), num(median_of(chromium, 'rss_mb'), 1),
         num(added(runs, 'composite', 'pss_mb'), 1), num(added(runs, 'composite', 'rss_mb'), 1)))
    if runs.get('still'):
        add('| the floor: OBS drawing three still pictures of the same sizes at the same places (image sources), '
            'CPU-side / graphics thread / llvmpipe CPU-s/min, PSS added | %s / %s / %s, %s MB | | |' %
            (num(added(runs, 'still', 'cpu_side')), num(added(runs, 'still', 'graphics')),
             num(added(runs, 'still', 'llvmpipe')), num(added(runs, 'still', 'pss_mb'), 1)))
    for name, label in (('ours_idle', 'idle, three sources and nothing arriving'),
                        ('alerts_idle', 'idle, Gift Alerts alone with nothing to show')):
        peer = ('%s / %s / %s MB (page with no events + compositing)' %
                (num(peer_sum(chromium_idle, 'total', 'total')), num(peer_sum(chromium_idle, 'total', 'cpu_side')),
                 num(peer_sum(chromium_idle, 'pss_mb', 'pss_mb'), 1))) if name == 'ours_idle' else ''
        add('| %s: total / CPU-side CPU-s/min, PSS added | %s / %s / %s MB | %s | ≈ 0 |' %
            (label, num(added(runs, name, 'total')), num(added(runs, name, 'cpu_side')),
             num(added(runs, name, 'pss_mb'), 1), peer))
    for key, label, storm in (('latency_idle', 'idle', False), ('latency_storm', 'storm', True)):
        run = runs.get(key)
        if not run:
            continue
        r = run[0]
        where = 'alert %s' % lat(r['shown_ms'].get('alert'), r['frame_ms'])
        for region, name in REGION_NAMES[1:]:
            if r['shown_ms'].get(region):
                where += '; %s %s' % (name, lat(r['shown_ms'][region], r['frame_ms']))
        title = ('event → the graphics thread drawing the first frame showing it, p50 / p99, idle' if not storm else
                 'same under a storm of %.0f events/s (achieved %.0f)' % (r['storm_rate'], r['storm_rate_achieved']))
        peer_key = 'peer_' + key
        where += ' (OBS lagged %d of %d frames: every frame is read back for the probe)' % (r['lagged'], r['frames'])
        add('| %s | %s | %s (page: frame committed, a lower bound) | p99 ≤ 16.7 ms |' %
            (title, where, peer_latency(runs.get(peer_key), 'after')))
    for key, label in (('latency_idle', 'idle'), ('latency_storm', 'storm')):
        if runs.get(key) and runs[key][0].get('frames_before'):
            r = runs[key][0]
            parts = []
            for region, name in REGION_NAMES:
                counts = r['frames_before'].get(region) or []
                if counts:
                    parts.append('%s %d of %d in the first, %d in the second, %d later' %
                                 (name, counts.count(0), len(counts), counts.count(1),
                                  sum(1 for c in counts if c > 1)))
            add('| probes shown in the first frame OBS began after the gift arrived, %s (frames, not ms: a loaded '
                'machine delays frames, not this) | %s | | |' % (label, '; '.join(parts)))
    for key, label in (('latency_idle', 'idle'), ('latency_storm', 'storm')):
        if runs.get(key) and runs[key][0].get('in_frame_ms', {}).get('alert'):
            r = runs[key][0]
            split = '%s / %s' % (lat(r['frame_begun_ms']['alert'], r['frame_ms']),
                                 lat(r['in_frame_ms']['alert'], r['frame_ms']))
            if r['in_frame_ms'].get('floor'):
                split += '; the floor %s / %s' % (lat(r['frame_begun_ms']['floor'], r['frame_ms']),
                                                  lat(r['in_frame_ms']['floor'], r['frame_ms']))
            add('| event → drawn, alert, %s, split where OBS began the frame showing it: the wait for that frame '
                '(as long for any source: a gift arriving just after a frame began waits a whole frame) / OBS\'s '
                'work in that frame until the sources are drawn | %s | | |' % (label, split))
    for key, label in (('latency_idle', 'idle'), ('latency_storm', 'storm')):
        if runs.get(key):
            r = runs[key][0]
            add('| event → that frame handed to OBS\'s outputs (after GPU readback), alert, %s | %s | | |' %
                (label, lat(r['delivered_ms'].get('alert'), r['frame_ms'])))
    soak = runs.get('soak')
    if soak:
        def series(values):
            if len(values) < 2:
                return 'not measured'
            settled = min(60.0, soak['seconds'] / 4)  # from the first minute on (or the first quarter)
            start = next((v for v in values if v[0] >= settled), values[-1])
            return 'PSS %.1f → %.1f MB (max %.1f), RSS %.1f → %.1f MB, from %.0f s to the end' % (
                start[2], values[-1][2], max(v[2] for v in values), start[1], values[-1][1], start[0])
        add('| memory over a %g-minute soak (demo stream) | %s | %s (Chromium) | flat |' %
            (round(soak['seconds'] / 60, 1), series(soak['ours']), series(soak['peer'])))
    frames = [run['frames'] for run in runs.get('ours', [])]
    if frames:
        add('| frames (ours: OBS rendered / lagged; peer: page frames per second) | %.1f fps, %d lagged | %s fps | |' %
            (frames[0]['fps'], frames[0]['lagged'], num(median_of(chromium, 'fps'), 0)))
        draws = frames[0].get('draws_per_frame') or {}
        if draws:
            add('| draw calls a frame, demo stream (each costs the graphics thread about the same, whatever its size) | %s | '
                '1 (the page\'s texture) | |' % ', '.join('%s %.2f' % (name, value) for name, value in draws.items()))
    add('')
    add('Machine load (1, 5, 15 min) before each run: ' + '; '.join(
        '%s %s' % (name, run[0].get('load_before', '?')) for name, run in runs.items() if isinstance(run, list)) + '.')
    return '\n'.join(lines) + '\n'
