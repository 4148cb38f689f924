// The expected summary of a scenario in one wire shape, counted from the scenario description alone
// (scenarios.mjs), by the rules of SPEC-11 as written in tests/data/fixtures/README.md. It never reads what
// a library emitted, nor the plugin's code.
import {GIFTS, GUESTS, HOST, NO_RECIPIENT_WIRES} from './scenarios.mjs';

export const SHAPES = {
	'tlc-1.2.3': {
		// what the 1.x flat shape can tell at all (from the library's 1.2.3 schema and event list)
		roomIdExact: false, // only inside monitorExtra, a JSON number rounded to a double
		roomIdOnlyInGifts: true,
		guestNames: () => ({uniqueId: false, nickname: false}), // only ids: giftExtra.receiverUserId
		battleIds: false,
		superfans: false, // no barrage message; its envelope has no business type
		goals: false, // no goalUpdate message
	},
	'tlc-2.5.0': {
		roomIdExact: true,
		roomIdOnlyInGifts: false,
		guestNames: (wire) => ({
			uniqueId: wire === 'full' || wire === 'neg' || wire === 'touser', // toUser.displayId
			nickname: wire !== 'extras', // toUser.nickname or toMemberNickname
		}),
		battleIds: true,
		superfans: true,
		goals: true,
	},
};

const SILENCE_MS = 30 * 60 * 1000;

function tally()
{
	return {coins: 0, gifts: 0};
}

// Does this event carry a room id in this shape?
function carriesRoom(shape, event)
{
	if (event.kind === 'gift') {
		return shape === 'tlc-2.5.0' || event.wire !== 'absent'; // 1.x: monitorExtra.room_id
	}
	return !SHAPES[shape].roomIdOnlyInGifts;
}

// Does the library of this shape emit the event at all, and with its time?
function emitted(shape, event)
{
	return shape === 'tlc-2.5.0' || !['superfanJoin', 'superfan', 'goal'].includes(event.kind);
}

function carriesTime(shape, event)
{
	return shape === 'tlc-2.5.0' || event.kind === 'gift' || event.kind === 'sub';
}

export function expectedSummary(scenario, shape)
{
	const caps = SHAPES[shape];
	const host = tally();
	const unknown = tally();
	const guests = new Map();
	const streams = [];
	let current = null;
	let lastTime = null;
	const battles = new Map();
	const subs = new Set();
	const superfans = {joins: 0, boxes: 0, other: 0};
	let goal = null;

	const openStream = (room, startedBy) => {
		current = {room_id: room, started_by: startedBy, ended_by: null, coins: 0, gifts: 0};
		streams.push(current);
	};
	for (const event of scenario.events) {
		if (!emitted(shape, event)) {
			continue;
		}
		// stream boundaries
		const room = carriesRoom(shape, event) ? event.room : null;
		const time = carriesTime(shape, event) ? event.t : null;
		if (current === null) {
			openStream(room ?? '', 'first_event');
		} else if (room !== null && current.room_id !== '' && room !== current.room_id) {
			current.ended_by = 'new_room';
			openStream(room, 'new_room');
		} else if (lastTime !== null && time !== null && time - lastTime > SILENCE_MS) {
			current.ended_by = 'silence';
			openStream(room ?? current.room_id, 'silence');
		} else if (room !== null && current.room_id === '') {
			current.room_id = room;
		}
		lastTime = time ?? lastTime;

		switch (event.kind) {
		case 'gift': {
			const gift = GIFTS[event.gift];
			const units = event.count;
			const coins = units * gift.diamonds;
			let into;
			if (event.to === null || NO_RECIPIENT_WIRES.includes(event.wire)) {
				into = unknown;
			} else if (event.to === 'host') {
				into = host;
			} else {
				const g = GUESTS[event.to];
				const known = caps.guestNames(event.wire);
				const entry = guests.get(g.id) ?? {id: g.id, unique_id: '', nickname: '', coins: 0, gifts: 0};
				if (known.uniqueId) {
					entry.unique_id = g.uniqueId;
				}
				if (known.nickname) {
					entry.nickname = g.nickname;
				}
				guests.set(g.id, entry);
				into = entry;
			}
			into.coins += coins;
			into.gifts += units;
			if (into === host || into === unknown) {
				current.coins += coins;
				current.gifts += units;
			}
			break;
		}
		case 'streamEnd':
			current.ended_by = 'stream_end';
			current = null; // (no scenario has events after its streamEnd)
			break;
		case 'battleStart':
		case 'armies':
		case 'battleEnd': {
			const b = battles.get(event.id) ?? {id: caps.battleIds ? event.id : null, status: 'running', teams: [],
				winner_host_id: null};
			battles.set(event.id, b);
			if (event.points) {
				b.teams = Object.entries(event.points)
				    .map(([id, points]) => ({host_id: id, points}))
				    .sort((x, y) => (x.host_id < y.host_id ? -1 : x.host_id > y.host_id ? 1 : 0));
			} else if (b.teams.length === 0) {
				b.teams = event.hosts.map((h) => ({host_id: h.id, points: 0}))
				    .sort((x, y) => (x.host_id < y.host_id ? -1 : x.host_id > y.host_id ? 1 : 0));
			}
			if (event.status === 'ended' || event.kind === 'battleEnd') {
				b.status = 'ended';
			}
			if (event.kind === 'battleEnd') {
				b.winner_host_id = event.winner;
			}
			break;
		}
		case 'sub':
			subs.add(event.msgId);
			break;
		case 'superfanJoin':
			superfans.joins += caps.superfans ? 1 : 0;
			break;
		case 'superfanBox':
			superfans.boxes += caps.superfans ? 1 : 0;
			break;
		case 'superfan':
			superfans.other += caps.superfans ? 1 : 0;
			break;
		case 'envelope':
			break;
		case 'goal':
			if (caps.goals) {
				goal = {id: event.goal.id, description: event.goal.description, progress: event.goal.progress,
					target: event.goal.target};
			}
			break;
		default:
			throw new Error(`unknown scenario event ${event.kind}`);
		}
	}

	const guestList = [...guests.values()].sort((x, y) =>
		y.coins - x.coins || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	const room = tally();
	for (const t of [host, unknown, ...guestList]) {
		room.coins += t.coins;
		room.gifts += t.gifts;
	}
	return {
		coins: host.coins + unknown.coins,
		gifts: host.gifts + unknown.gifts,
		errors: 0, // every line is a well-formed event the library emitted
		recipients: {host, unknown, guests: guestList, room},
		streams,
		battles: [...battles.values()],
		subscriptions: subs.size,
		superfans,
		tiktok_goal: goal,
	};
}

export function notCompared(shape)
{
	const caps = SHAPES[shape];
	const paths = [];
	if (!caps.roomIdExact) {
		paths.push('streams[].room_id');
	}
	if (!caps.battleIds) {
		paths.push('battles[].id');
	}
	return paths;
}

export {HOST};
