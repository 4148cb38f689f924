"""The peer's event feed: a local WebSocket server (Python standard library only) that the overlay page
(overlay.html) connects to. It plays the demo stream in real time, or sends latency probes with or without
a storm of small gifts, and collects what the page reports back (frames per second, probe times).

A probe is one big gift from a new viewer carrying "probe": N and "sent": the wall-clock time (ms) just
before it was written to the socket. The page notes when it received it (recv), when the animation frame
that writes it into the DOM ran (applied) and when that frame's main-thread work (style, layout, paint,
commit) was over (after: a setTimeout(0) queued from that frame). Chromium's raster and display
compositing, and a browser source's hand-over of the frame to OBS, come after "after": the peer's
figures are a lower bound of its event-to-screen time.
"""
import base64
import hashlib
import json
import random
import socket
import struct
import threading
import time

GUID = b'258EAFA5-E914-47DA-95CA-C5AB0DC85B11'


class Feed:
    """One client at a time; send() from any thread; reports from the page go to on_report."""

    def __init__(self):
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(('127.0.0.1', 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        self.client = None
        self.connected = threading.Event()
        self.lock = threading.Lock()
        self.fps = []  # (time, frames in the last second, viewport)
        self.shown = {}  # probe id -> report
        self.shown_cv = threading.Condition()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            request = b''
            while b'\r\n\r\n' not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                request += chunk
            key = b''
            for line in request.split(b'\r\n'):
                if line.lower().startswith(b'sec-websocket-key:'):
                    key = line.split(b':', 1)[1].strip()
            accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
            conn.sendall(b'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
                         b'Sec-WebSocket-Accept: ' + accept + b'\r\n\r\n')
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self.lock:
                self.client = conn
            self.connected.set()
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn):
        buffer = b''

        def need(n):
            nonlocal buffer
            while len(buffer) < n:
                chunk = conn.recv(65536)
                if not chunk:
                    raise EOFError
                buffer += chunk
            out, buffer = buffer[:n], buffer[n:]
            return out

        try:
            while True:
                head = need(2)
                opcode, length = head[0] & 0x0F, head[1] & 0x7F
                if length == 126:
                    length = struct.unpack('>H', need(2))[0]
                elif length == 127:
                    length = struct.unpack('>Q', need(8))[0]
                mask = need(4) if head[1] & 0x80 else b'\0\0\0\0'
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(need(length)))
                if opcode == 8:
                    return
                if opcode == 1:
                    self._report(json.loads(payload))
        except (EOFError, OSError):
            return

    def _report(self, report):
        if 'fps' in report:
            self.fps.append((time.monotonic(), report['fps'], (report.get('w'), report.get('h'))))
        elif 'shown' in report:
            with self.shown_cv:
                self.shown[report['shown']] = report
                self.shown_cv.notify_all()

    def send(self, obj):
        data = json.dumps(obj, ensure_ascii=False).encode()
        if len(data) < 126:
            head = struct.pack('>BB', 0x81, len(data))
        elif len(data) < 65536:
            head = struct.pack('>BBH', 0x81, 126, len(data))
        else:
            head = struct.pack('>BBQ', 0x81, 127, len(data))
        with self.lock:
            if self.client:
                self.client.sendall(head + data)

    def close(self):
        self.server.close()
        with self.lock:
            if self.client:
                self.client.close()


def play_demo(feed, path, stop, speed=1.0):
    """Sends the demo stream's frames at their createTime gaps (over and over) until stop is set."""
    frames = [json.loads(line) for line in open(path, encoding='utf-8') if line.strip()]
    while not stop.is_set():
        previous = None
        for frame in frames:
            created = frame.get('data', {}).get('createTime')
            if created is not None and previous is not None:
                gap = max(0, int(created) - previous) / 1000.0 / speed
                if stop.wait(gap):
                    return
            if created is not None:
                previous = int(created)
            feed.send(frame)
        if stop.wait(1.0):
            return


def gift(user, name, gift_name, coins, msg_id):
    return {'event': 'gift', 'data': {
        'giftId': 5655 if gift_name == 'Rose' else 6369, 'giftName': gift_name, 'giftType': 2,
        'diamondCount': coins, 'repeatCount': 1, 'repeatEnd': True, 'userId': user, 'uniqueId': user,
        'nickname': name, 'profilePictureUrl': '', 'msgId': str(msg_id), 'createTime': str(int(time.time() * 1000))}}


def probes(feed, count, storm_rate=0.0, gap=1.6):
    """Sends `count` probes (with a storm of `storm_rate` 1-coin gifts per second meanwhile); returns the
    page's reports and the storm's achieved rate."""
    for i in range(5):  # five supporters the storm never overtakes, as on the OBS side
        feed.send(gift('seed%d' % i, 'Seed %d' % i, 'Lion', 90 + i, 8100000000000000000 + i))
    stop = threading.Event()
    sent = [0]
    storm_start = time.monotonic()

    def storm():
        start = storm_start
        while not stop.is_set():
            due = start + sent[0] / storm_rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
                continue
            user = sent[0] % 5000
            feed.send(gift('storm%d' % user, 'Storm %d' % user, 'Rose', 1, 8200000000000000000 + sent[0]))
            sent[0] += 1

    thread = threading.Thread(target=storm, daemon=True) if storm_rate > 0 else None
    if thread:
        thread.start()
    time.sleep(1.0)
    rng = random.Random(12345)
    start = time.monotonic()
    reports, missed = [], 0
    for i in range(count):
        time.sleep(rng.uniform(0, 1 / 60))
        frame = gift('probe%d' % i, 'Probe %d' % i, 'Lion', 1000 + i, 8300000000000000000 + i)
        frame['probe'] = i
        frame['sent'] = time.time() * 1000
        feed.send(frame)
        with feed.shown_cv:
            if not feed.shown_cv.wait_for(lambda: i in feed.shown, timeout=3):
                missed += 1
        if i in feed.shown:
            reports.append(feed.shown[i])
        feed.send({'skip': True})
        time.sleep(gap)
    seconds = time.monotonic() - start
    stop.set()
    if thread:
        thread.join()
    return {'reports': reports, 'missed': missed, 'storm_rate': storm_rate,
            'storm_rate_achieved': sent[0] / (time.monotonic() - storm_start) if storm_rate > 0 else 0.0,
            'seconds': seconds}
