"""CPU and memory of a process, its threads, or a process tree, read from Linux /proc (standard library only).

CPU figures are utime + stime in seconds. A process's own /proc/PID/stat includes the threads that have
already exited; per-thread figures come from /proc/PID/task/TID/stat and are told apart by the thread's name
(comm, at most 15 characters: "llvmpipe-0", "libobs: graphic", ...).
"""
import os
import re

HZ = os.sysconf('SC_CLK_TCK')


def _stat_fields(path):
    with open(path) as f:
        text = f.read()
    close = text.rindex(')')
    return text[text.index('(') + 1:close], text[close + 2:].split()


def process_cpu(pid):
    """utime + stime of the whole process (every thread, those gone too), seconds; None when gone."""
    try:
        _, fields = _stat_fields('/proc/%d/stat' % pid)
        return (int(fields[11]) + int(fields[12])) / HZ
    except (OSError, ValueError, IndexError):
        return None


def thread_cpu(pid):
    """{tid: (name, cpu seconds)} of the process's live threads."""
    out = {}
    try:
        tids = os.listdir('/proc/%d/task' % pid)
    except OSError:
        return out
    for tid in tids:
        try:
            name, fields = _stat_fields('/proc/%d/task/%s/stat' % (pid, tid))
            out[int(tid)] = (name, (int(fields[11]) + int(fields[12])) / HZ)
        except (OSError, ValueError, IndexError):
            pass
    return out


def group_of(name):
    """A thread's group: its name without trailing numbers ("llvmpipe-3" -> "llvmpipe")."""
    return re.sub(r'[-:_ ]*\d+$', '', name) or name


def memory_kb(pid):
    """{'Rss': kB, 'Pss': kB, 'Pss_Anon': kB} from smaps_rollup; None when gone."""
    out = {}
    try:
        with open('/proc/%d/smaps_rollup' % pid) as f:
            for line in f:
                key, _, value = line.partition(':')
                if key in ('Rss', 'Pss', 'Pss_Anon'):
                    out[key] = int(value.split()[0])
    except (OSError, ValueError):
        return None
    return out


def tree(root, marker=None):
    """The pids of root and its descendants, plus any process whose command line holds `marker` (bytes):
    helpers that double-fork away from the tree (Chromium's crash handler)."""
    parents, commands = {}, {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            _, fields = _stat_fields('/proc/%s/stat' % entry)
            parents.setdefault(int(fields[1]), []).append(int(entry))
            if marker:
                with open('/proc/%s/cmdline' % entry, 'rb') as f:
                    commands[int(entry)] = f.read()
        except (OSError, ValueError, IndexError):
            pass
    found = set()
    todo = [root] + [pid for pid, command in commands.items() if marker and marker in command]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(parents.get(pid, []))
    return found
