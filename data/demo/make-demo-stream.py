#!/usr/bin/env python3
"""Writes the bundled demo stream: a few minutes of a made-up TikTok LIVE in the TikTok-Live-Connector 1.x
flat {"event","data"} shape, one frame a line, and the totals it must produce.

    python3 make-demo-stream.py            # writes demo-stream.jsonl and demo-stream.expected.json here

Deterministic (fixed seed, fixed start time): running it again gives the same bytes. No URL in it is ever
fetched: avatars are empty and gift pictures are left out.

The expected totals follow the counting rules of the design: a gift is worth diamondCount x count; a streak
(giftType 1) counts once with its final repeatCount; a streak whose end never arrives counts with its last
repeatCount; follow and share arrive twice (as "social" and as "follow"/"share") with one msgId and count
once; likes add up per user, the room total is the largest totalLikeCount.
"""

import json
import os
import random

SEED = 20261124
START_MS = 1764000000000  # 2025-11-24 16:00:00 UTC
DURATION_S = 240.0
HERE = os.path.dirname(os.path.abspath(__file__))

LONG_NAME = ("Supercalifragilistic_Streamer_Fan_Number_One_From_The_Very_Long_Named_Village_By_The_Sea_"
             "And_The_Mountains_Beyond_The_Hills_Far_Away")[:120]
assert len(LONG_NAME) == 120

# (uniqueId, nickname)
USERS = [
    ("ahmed.alshammari", "أحمد الشمري"),
    ("sara.levi", "שרה לוי"),
    ("xiaohonghua88", "小红花🌸"),
    ("sakura_chan", "さくら🌸"),
    ("minjun.kim", "김민준"),
    ("priya.sharma", "प्रिया शर्मा"),
    ("family.fanclub", "👨‍👩‍👧‍👦 Family Fan Club"),
    ("rainbow.riley", "🏳️‍🌈 Riley"),
    ("dev.amara", "👩🏽‍💻 Amara"),
    ("zoe.mueller", "Zoë Müller"),
    ("oleg.petrov", "Олег Петров"),
    ("thanapon", "ธนพล"),
    ("ngoc.anh", "Ngọc Anh 🌷"),
    ("lucia.gomez", "Lucía Gómez"),
    ("mike_gamer", "mike_gamer"),
    ("very.long.name", LONG_NAME),
    ("kofi.mensah", "Kofi Mensah 🇬🇭"),
    ("emma_b", "Emma B ❤️‍🔥"),
]

# name: (giftId, diamondCount, giftType) -- giftType 1 is streakable
GIFTS = {
    "Rose": (5655, 1, 1),
    "TikTok": (5269, 1, 1),
    "Finger Heart": (5487, 5, 1),
    "Ice Cream Cone": (5827, 1, 1),
    "Doughnut": (5879, 30, 1),
    "Hand Hearts": (5660, 100, 1),
    "Galaxy": (11046, 1000, 2),
    "Lion": (6369, 29999, 2),
    "Universe": (7168, 34999, 2),
}

COMMENTS = [
    "hello from Riyadh 👋", "مرحبا", "שלום לכולם", "你好!", "こんばんは", "안녕하세요", "नमस्ते 🙏",
    "let's gooo 🔥🔥", "Universe when? 😂", "love this song", "¡Hola!", "Привет", "สวัสดีครับ", "first time here",
]


class Stream:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.events = []  # (time_ms, order, line)
        self.next_msg = 7570000000000000000
        self.order = 0
        self.total_likes = 0
        self.expected = {
            "coins": 0, "gifts": 0, "likes": 0, "roomLikeTotal": 0, "follows": 0, "shares": 0,
            "subscribers": 0, "joins": 0, "chats": 0, "viewersPeak": 0, "viewersLast": 0,
            "perGift": {}, "perUser": {},
        }

    def msg_id(self):
        self.next_msg += self.rng.randint(1, 999)
        return str(self.next_msg)

    def user_fields(self, user):
        unique_id, nickname = user
        number = 6800000000000100000 + USERS.index(user) * 7919
        return {
            "userId": str(number),
            "uniqueId": unique_id,
            "nickname": nickname,
            "profilePictureUrl": "",
            "followRole": 0,
            "isModerator": False,
            "isNewGifter": False,
            "isSubscriber": False,
        }

    def emit(self, t_s, event, data, with_time=True):
        ms = START_MS + int(round(t_s * 1000))
        if with_time:
            data["createTime"] = str(ms)
        line = json.dumps({"event": event, "data": data}, ensure_ascii=False, separators=(",", ":"))
        self.events.append((ms, self.order, line))
        self.order += 1

    def count_gift(self, user, name, count):
        gift_id, diamonds, _ = GIFTS[name]
        coins = diamonds * count
        e = self.expected
        e["coins"] += coins
        e["gifts"] += count
        g = e["perGift"].setdefault(name, {"giftId": gift_id, "count": 0, "coins": 0})
        g["count"] += count
        g["coins"] += coins
        u = e["perUser"].setdefault(user[0], {"nickname": user[1], "coins": 0, "gifts": 0})
        u["coins"] += coins
        u["gifts"] += count

    def gift_data(self, user, name, repeat_count, repeat_end, group_id):
        gift_id, diamonds, gift_type = GIFTS[name]
        data = {"giftId": gift_id, "repeatCount": repeat_count, "repeatEnd": repeat_end, "groupId": group_id}
        data.update(self.user_fields(user))
        data.update({"msgId": self.msg_id(), "displayType": "webcast_aweme_gift_send_message",
                     "label": "{0:user} sent {1:gift} {2:string}", "describe": "sent " + name,
                     "giftType": gift_type, "diamondCount": diamonds, "giftName": name})
        return data

    def streak(self, t_s, user, name, final_count, ends=True):
        """A combo: running repeatCount (sometimes skipping), then one repeatEnd with the final count."""
        group_id = str(START_MS + int(t_s * 1000))
        count = 0
        t = t_s
        while count < final_count:
            count = min(final_count, count + self.rng.choice([1, 1, 1, 2, 3]))
            self.emit(t, "gift", self.gift_data(user, name, count, False, group_id))
            t += self.rng.uniform(0.15, 0.45)
        if ends:
            self.emit(t + 0.3, "gift", self.gift_data(user, name, final_count, True, group_id))
        self.count_gift(user, name, final_count)
        return t

    def big_gift(self, t_s, user, name):
        group_id = str(START_MS + int(t_s * 1000))
        self.emit(t_s, "gift", self.gift_data(user, name, 1, True, group_id))
        self.count_gift(user, name, 1)

    def like(self, t_s, user, count):
        self.total_likes += count + self.rng.randint(0, 40)  # other viewers' likes the demo does not show
        data = {"likeCount": count, "totalLikeCount": self.total_likes}
        data.update(self.user_fields(user))
        data.update({"msgId": self.msg_id(), "displayType": "pm_mt_msg_viewer", "label": "{0:user} liked the LIVE"})
        self.emit(t_s, "like", data)
        self.expected["likes"] += count
        self.expected["roomLikeTotal"] = max(self.expected["roomLikeTotal"], self.total_likes)

    def social(self, t_s, user, kind):
        """TLC 1.x sends a follow or share twice: as "social" and as "follow"/"share", with one msgId."""
        data = self.user_fields(user)
        if kind == "follow":
            data.update({"displayType": "pm_main_follow_message_viewer_2", "label": "{0:user} followed the host"})
            self.expected["follows"] += 1
        else:
            data.update({"displayType": "pm_mt_guidance_share", "label": "{0:user} shared the LIVE"})
            self.expected["shares"] += 1
        data["msgId"] = self.msg_id()
        self.emit(t_s, "social", dict(data))
        self.emit(t_s + 0.01, kind, dict(data))

    def join(self, t_s, user):
        data = self.user_fields(user)
        data.update({"msgId": self.msg_id(), "actionId": 1, "displayType": "live_room_enter_toast",
                     "label": "{0:user} joined"})
        self.emit(t_s, "member", data)
        self.expected["joins"] += 1

    def chat(self, t_s, user, comment):
        data = self.user_fields(user)
        data.update({"msgId": self.msg_id(), "comment": comment})
        self.emit(t_s, "chat", data)
        self.expected["chats"] += 1

    def subscribe(self, t_s, user, months):
        data = self.user_fields(user)
        data.update({"msgId": self.msg_id(), "subMonth": months, "oldSubscribeStatus": 2, "subscribingStatus": 1,
                     "displayType": "pm_mt_sub_notify"})
        self.emit(t_s, "subscribe", data)
        self.expected["subscribers"] += 1

    def viewers(self, t_s, count):
        # 1.x roomUser carries no msgId and no createTime: it is an idempotent viewer count.
        self.emit(t_s, "roomUser", {"viewerCount": count, "topViewers": []}, with_time=False)
        self.expected["viewersPeak"] = max(self.expected["viewersPeak"], count)
        self.expected["viewersLast"] = count


def build():
    s = Stream()
    rng = s.rng
    user = {u[0]: u for u in USERS}

    # Background activity over the whole stream.
    t = 0.5
    joined = []
    while t < DURATION_S:
        u = rng.choice(USERS)
        s.join(t, u)
        joined.append(u)
        t += rng.uniform(2.0, 6.0)
    t = 1.0
    viewers = 40
    while t < DURATION_S:
        viewers = max(5, viewers + rng.randint(-4, 9))
        s.viewers(t, viewers)
        t += 10.0
    t = 3.0
    while t < DURATION_S:
        burst_user = rng.choice(USERS)
        for _ in range(rng.randint(1, 4)):
            s.like(t, burst_user, rng.randint(1, 15))
            t += rng.uniform(0.2, 0.8)
        t += rng.uniform(2.0, 7.0)
    t = 4.0
    while t < DURATION_S:
        s.chat(t, rng.choice(USERS), rng.choice(COMMENTS))
        t += rng.uniform(4.0, 11.0)

    # Follows and shares (each sent twice by TLC 1.x).
    for t_s, who, kind in [(8, "sara.levi", "follow"), (21, "family.fanclub", "follow"), (37, "minjun.kim", "share"),
                           (55, "very.long.name", "follow"), (79, "priya.sharma", "share"),
                           (102, "rainbow.riley", "follow"), (131, "thanapon", "follow"),
                           (150, "ahmed.alshammari", "share"), (176, "kofi.mensah", "follow"),
                           (199, "emma_b", "share"), (222, "ngoc.anh", "follow")]:
        s.social(t_s, user[who], kind)
    s.subscribe(64, user["zoe.mueller"], 1)
    s.subscribe(188, user["ahmed.alshammari"], 3)

    # Gift streaks, some overlapping.
    for t_s, who, name, count in [
        (6, "ahmed.alshammari", "Rose", 12), (9, "xiaohonghua88", "Rose", 5), (15, "sara.levi", "Finger Heart", 7),
        (26, "sakura_chan", "Rose", 30), (28, "priya.sharma", "TikTok", 9), (41, "family.fanclub", "Doughnut", 4),
        (47, "very.long.name", "Rose", 18), (58, "rainbow.riley", "Ice Cream Cone", 25),
        (70, "dev.amara", "Hand Hearts", 3), (84, "minjun.kim", "Rose", 44), (86, "zoe.mueller", "Rose", 6),
        (97, "oleg.petrov", "Finger Heart", 11), (110, "thanapon", "Rose", 15), (123, "ngoc.anh", "Doughnut", 9),
        (139, "lucia.gomez", "Rose", 21), (146, "mike_gamer", "TikTok", 33), (158, "kofi.mensah", "Rose", 8),
        (166, "emma_b", "Hand Hearts", 5), (181, "xiaohonghua88", "Rose", 99), (195, "sara.levi", "Rose", 14),
        (207, "priya.sharma", "Finger Heart", 20), (214, "ahmed.alshammari", "Rose", 50),
        (226, "family.fanclub", "Rose", 16),
    ]:
        s.streak(t_s, user[who], name, count)
    # A combo whose end message never arrives: the engine closes it after its quiet timeout.
    s.streak(232, user["dev.amara"], "Rose", 7, ends=False)

    # Big gifts.
    for t_s, who, name in [(33, "ahmed.alshammari", "Galaxy"), (75, "xiaohonghua88", "Galaxy"),
                           (118, "very.long.name", "Lion"), (155, "sara.levi", "Galaxy"),
                           (170, "family.fanclub", "Lion"), (203, "priya.sharma", "Universe")]:
        s.big_gift(t_s, user[who], name)

    s.events.sort(key=lambda e: (e[0], e[1]))
    return s


def main():
    s = build()
    with open(os.path.join(HERE, "demo-stream.jsonl"), "w", encoding="utf-8", newline="\n") as out:
        for _, _, line in s.events:
            out.write(line + "\n")
    e = s.expected
    e["frames"] = len(s.events)
    e["durationMs"] = s.events[-1][0] - s.events[0][0]
    with open(os.path.join(HERE, "demo-stream.expected.json"), "w", encoding="utf-8", newline="\n") as out:
        json.dump(e, out, ensure_ascii=False, indent=2, sort_keys=True)
        out.write("\n")
    print(f"{len(s.events)} frames, {e['durationMs'] / 1000:.1f} s, {e['coins']} coins")


if __name__ == "__main__":
    main()
