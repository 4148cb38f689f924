// The scenarios, described once, independently of both wire shapes: who sent what to whom, when, in which
// room; battles, subscriptions, Super Fan and goal messages. generate.mjs encodes them for each library;
// expect.mjs counts them (it never looks at what a library emitted, nor at the plugin's code).

export const T0 = 1748800800000; // 2025-06-01 18:00:00 UTC, the first event of every scenario

export const HOST = {id: '6800000000000000007', uniqueId: 'corpus.host', nickname: 'Corpus Host 🎙️'};
export const ROOM = '7510123456789012345';

// Guests in a multi-guest room. G2 has an old small id (exact as a JSON number), the others 19 digits.
export const GUESTS = {
	G1: {id: '6800000000000200011', uniqueId: 'yaroslava.sings', nickname: 'Ярослава ✨'},
	G2: {id: '107955', uniqueId: 'mei.lin.cn', nickname: '林美 🐼（美玲）'},
	G3: {id: '7012345678901234567', uniqueId: 'omar.dj', nickname: 'عمر 🎧 DJ'},
	G4: {
		id: '6990000000000000042',
		uniqueId: 'family.vibes.guest',
		nickname: '👨‍👩‍👧‍👦 Family Vibes 🏳️‍🌈 — the guest with the extraordinarily long display name that keeps on going',
	},
};

export const SENDERS = [
	{id: '6800000000000104736', uniqueId: 'ahmed.alshammari', nickname: 'أحمد الشمري'},
	{id: '6800000000000105001', uniqueId: 'sakura.jp', nickname: 'さくら🌸'},
	{id: '6800000000000105002', uniqueId: 'minjun_kr', nickname: '김민준'},
	{id: '6800000000000105003', uniqueId: 'dev_skin_tone', nickname: '👩🏽‍💻 Coder❤️‍🔥'},
	{id: '6800000000000105004', uniqueId: 'hindi_user', nickname: 'राहुल शर्मा'},
	{id: '6800000000000105005', uniqueId: 'noor_rtl', nickname: '‏نور 🌙 الهدى‏'},
	{id: '6800000000000105006', uniqueId: 'quote.backslash', nickname: '"Quoted" \\ Back\\slash </script>&amp;'},
	{id: '6800000000000105007', uniqueId: 'empty_nick', nickname: ''},
	{id: '6800000000000105008', uniqueId: 'astral_math', nickname: '𝓜𝓪𝓽𝓱 𝓢𝓬𝓻𝓲𝓹𝓽'},
	{id: '6800000000000105009', uniqueId: 'thai_user', nickname: 'สมชาย ใจดี'},
	{id: '6800000000000105010', uniqueId: 'zhang.wei', nickname: '张伟 🐉 龍'},
];

// type 1: streakable (counted once, on repeatEnd, with its final repeatCount); type 2: one-shot.
export const GIFTS = {
	rose: {id: 5655, name: 'Rose', diamonds: 1, type: 1},
	heart: {id: 5487, name: 'Finger Heart', diamonds: 5, type: 1},
	doughnut: {id: 5879, name: 'Doughnut', diamonds: 30, type: 1},
	galaxy: {id: 11046, name: 'Galaxy', diamonds: 1000, type: 2},
	lion: {id: 6369, name: 'Lion', diamonds: 29999, type: 2},
};

// How a gift names its recipient on the wire (see README "Recipient fields per wire shape"):
// full     every recipient field names the recipient
// member   only the primary field (1.x giftExtra.receiverUserId; 2.x toMemberId/Int/Nickname)
// extras   only the monitor extras (monitorExtra.to_user_id, 2.x monitorInfo.toUserId); primary field 0/unset
// touser   2.x toUser set too (for the host: the host's own user); otherwise like full
// neg      primary recipient set, the extras say -1 (2.x: toMemberId -1 while toUser names the guest)
// zero     no recipient: every recipient field 0
// minus1   no recipient: every recipient field -1
// absent   no recipient: no recipient field and no monitor extras at all
export const NO_RECIPIENT_WIRES = ['zero', 'minus1', 'absent'];

function rng(seed)
{
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// (a) gifts to guests of a multi-guest room, mixed with gifts to the host and gifts naming no recipient.
function guests()
{
	const r = rng(11);
	const events = [];
	let t = T0;
	const plan = [
		['host', 'full'], ['G1', 'full'], ['G2', 'full'], ['host', 'touser'], ['G3', 'member'],
		['G2', 'extras'], [null, 'zero'], ['G1', 'neg'], ['G4', 'full'], [null, 'minus1'],
		['host', 'extras'], ['G3', 'full'], [null, 'absent'], ['G4', 'member'], ['host', 'member'],
		['G2', 'member'], ['G1', 'member'], ['host', 'full'], ['G3', 'neg'], ['G1', 'full'],
		['host', 'touser'], ['G4', 'neg'], [null, 'zero'], ['G2', 'full'], ['host', 'full'],
	];
	const giftKeys = ['rose', 'heart', 'doughnut', 'rose', 'galaxy', 'heart', 'rose', 'lion'];
	plan.forEach(([to, wire], i) => {
		const gift = giftKeys[Math.floor(r() * giftKeys.length)];
		const count = GIFTS[gift].type === 1 ? 1 + Math.floor(r() * 12) : 1;
		events.push({kind: 'gift', t, room: ROOM, sender: SENDERS[i % SENDERS.length], gift, count, to, wire});
		t += 4000 + Math.floor(r() * 9000);
	});
	return {name: 'guests', title: 'Gifts to guests of a multi-guest room, to the host, and to no one named',
		events};
}

// (b) a battle that ends with a winner, then a second one still running when the file ends.
function battle()
{
	const opponentA = {id: '6811111111111111111', uniqueId: 'rival.anchor', nickname: 'Rival 🔥 Anchor'};
	const opponentB = {id: '7099999999999999901', uniqueId: 'otra.anfitriona', nickname: 'Anfitriona ñandú 🦩'};
	const events = [];
	let t = T0;
	const gift = (i, g, count) => {
		events.push({kind: 'gift', t, room: ROOM, sender: SENDERS[i], gift: g, count, to: 'host', wire: 'full'});
		t += 3000;
	};
	gift(0, 'rose', 3);
	events.push({kind: 'battleStart', t, room: ROOM, id: '7510500000000000101', hosts: [HOST, opponentA]});
	t += 2000;
	gift(1, 'heart', 4);
	events.push({kind: 'armies', t, room: ROOM, id: '7510500000000000101', status: 'running',
		points: {[HOST.id]: 20, [opponentA.id]: 5}, supporters: {[HOST.id]: [SENDERS[1]], [opponentA.id]: []}});
	t += 2000;
	gift(2, 'galaxy', 1);
	events.push({kind: 'armies', t, room: ROOM, id: '7510500000000000101', status: 'running',
		points: {[HOST.id]: 1020, [opponentA.id]: 905}, supporters: {[HOST.id]: [SENDERS[1], SENDERS[2]],
			[opponentA.id]: [SENDERS[9]]}});
	t += 2000;
	// final points: the host wins (points include a x2 multiplier: they are never coins)
	events.push({kind: 'armies', t, room: ROOM, id: '7510500000000000101', status: 'ended',
		points: {[HOST.id]: 2040, [opponentA.id]: 1810}, supporters: {[HOST.id]: [SENDERS[1], SENDERS[2]],
			[opponentA.id]: [SENDERS[9]]}});
	t += 1000;
	events.push({kind: 'battleEnd', t, room: ROOM, id: '7510500000000000101', hosts: [HOST, opponentA],
		winner: HOST.id, points: {[HOST.id]: 2040, [opponentA.id]: 1810}});
	t += 20000;
	gift(3, 'doughnut', 2);
	events.push({kind: 'battleStart', t, room: ROOM, id: '7510500000000000202', hosts: [HOST, opponentB]});
	t += 2000;
	gift(4, 'rose', 9);
	events.push({kind: 'armies', t, room: ROOM, id: '7510500000000000202', status: 'running',
		points: {[HOST.id]: 9, [opponentB.id]: 30}, supporters: {[HOST.id]: [SENDERS[4]],
			[opponentB.id]: [SENDERS[10]]}});
	t += 2000;
	gift(5, 'heart', 1);
	return {name: 'battle', title: 'A battle won by the host, then a second battle still running', events,
		opponents: [opponentA, opponentB]};
}

// (c) a stream that never sends streamEnd and is followed by a new room id; then 45 minutes of silence in
// the new room; then the stream ends.
function rooms()
{
	const room2 = '7510987654321098765';
	const events = [];
	let t = T0;
	const gift = (room, i, g, count) => {
		events.push({kind: 'gift', t, room, sender: SENDERS[i], gift: g, count, to: 'host', wire: 'full'});
		t += 5000;
	};
	gift(ROOM, 0, 'rose', 5);
	gift(ROOM, 6, 'galaxy', 1);
	gift(ROOM, 2, 'heart', 3);
	t += 10 * 60 * 1000; // the first room goes quiet: no streamEnd ever comes
	gift(room2, 3, 'rose', 7);
	gift(room2, 8, 'doughnut', 2);
	t += 45 * 60 * 1000; // more than 30 minutes without any event, same room
	gift(room2, 9, 'lion', 1);
	gift(room2, 5, 'heart', 6);
	events.push({kind: 'streamEnd', t, room: room2});
	return {name: 'rooms', title: 'No streamEnd then a new room id; a silence of 45 minutes; a streamEnd',
		events, rooms: [ROOM, room2]};
}

// (d) subscriptions (one delivered twice), Super Fan joins / other Super Fan messages / Super Fan boxes,
// an ordinary treasure box, goal updates; gifts to the host in between.
function fans()
{
	const events = [];
	let t = T0;
	const step = () => {
		t += 2500;
		return t;
	};
	const goal = {id: '7510600000000000001', description: 'Road to 10K 🌹 الطريق إلى ١٠ آلاف', target: 10000};
	events.push({kind: 'goal', t, room: ROOM, goal: {...goal, progress: 120}});
	step();
	events.push({kind: 'gift', t, room: ROOM, sender: SENDERS[0], gift: 'rose', count: 10, to: 'host', wire: 'full'});
	step();
	events.push({kind: 'sub', t, room: ROOM, user: SENDERS[1], msgId: '7510700000000000011', months: 1});
	step();
	events.push({kind: 'superfanJoin', t, room: ROOM, user: SENDERS[2]});
	step();
	events.push({kind: 'sub', t, room: ROOM, user: SENDERS[3], msgId: '7510700000000000012', months: 6});
	step();
	// the same subscription delivered again (same msgId): counts once
	events.push({kind: 'sub', t, room: ROOM, user: SENDERS[3], msgId: '7510700000000000012', months: 6});
	step();
	events.push({kind: 'superfanBox', t, room: ROOM, user: SENDERS[4], diamonds: 500});
	step();
	events.push({kind: 'envelope', t, room: ROOM, user: SENDERS[5], diamonds: 100}); // not a Super Fan box
	step();
	events.push({kind: 'superfan', t, room: ROOM, user: SENDERS[6]}); // another Super Fan message (level up)
	step();
	events.push({kind: 'superfanJoin', t, room: ROOM, user: SENDERS[10]});
	step();
	events.push({kind: 'gift', t, room: ROOM, sender: SENDERS[7], gift: 'galaxy', count: 1, to: 'host', wire: 'full'});
	step();
	events.push({kind: 'goal', t, room: ROOM, goal: {...goal, progress: 1130}});
	step();
	events.push({kind: 'sub', t, room: ROOM, user: SENDERS[8], msgId: '7510700000000000013', months: 12});
	step();
	events.push({kind: 'gift', t, room: ROOM, sender: SENDERS[9], gift: 'heart', count: 3, to: 'host', wire: 'full'});
	return {name: 'fans', title: 'Subscriptions, Super Fan joins and boxes, goal updates', events, goal};
}

export const SCENARIOS = [guests(), battle(), rooms(), fans()];
