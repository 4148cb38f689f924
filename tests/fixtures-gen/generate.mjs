// Makes tests/data/fixtures/tlc-*/<scenario>.jsonl and <scenario>.expected.json (see README.md here).
// Each scenario (scenarios.mjs) is encoded into binary frames with each library's own protobuf schema, the
// frames go through the library's own decoding path, offline, and every event it emits is recorded as it
// emitted it. The expected files are counted from the scenario description (expect.mjs), never from the
// recordings.
import {createRequire} from 'node:module';
import {mkdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';

import {expectedSummary, notCompared} from './expect.mjs';
import {GIFTS, GUESTS, HOST, SCENARIOS} from './scenarios.mjs';

const require = createRequire(import.meta.url);
const v1 = require('tlc-1.2.3');
const v2 = await import('tlc-2.5.0');

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = process.argv[2] ?? join(here, '../data/fixtures');

// ---------------------------------------------------------------------------------------------------------
// Scenario events -> wire messages (shape-independent): msgIds, streak steps.

function wireMessages(scenario, index)
{
	let seq = 0n;
	const nextId = () => (7510400000000000000n + BigInt(index + 1) * 10000000n + ++seq * 7919n).toString();
	const out = [];
	for (const e of scenario.events) {
		if (e.kind !== 'gift') {
			out.push({...e, msgId: e.msgId ?? nextId()});
			continue;
		}
		const gift = GIFTS[e.gift];
		const groupId = String(e.t - 90);
		if (gift.type === 1) {
			const steps = [...new Set([1, Math.floor(e.count / 2), e.count - 1])].filter((n) => n >= 1 && n < e.count);
			steps.forEach((n, k) => out.push({...e, t: e.t + k * 300, msgId: nextId(), repeatCount: n, repeatEnd: 0,
				groupId}));
			out.push({...e, t: e.t + steps.length * 300, msgId: nextId(), repeatCount: e.count, repeatEnd: 1, groupId});
		} else {
			out.push({...e, msgId: nextId(), repeatCount: 1, repeatEnd: 0, groupId});
		}
	}
	return out;
}

// Recipient ids per field, for a gift. Strings are decimal ids; '' means the field is not set.
function recipientFields(m)
{
	const who = m.to === null ? null : m.to === 'host' ? HOST : GUESTS[m.to];
	switch (m.wire) {
	case 'full':
	case 'touser':
		return {primary: who.id, extras: who.id, toUser: m.wire === 'touser' || m.to !== 'host' ? who : null,
			nickname: who.nickname};
	case 'member':
		return {primary: who.id, extras: '0', toUser: null, nickname: who.nickname};
	case 'extras':
		return {primary: '0', extras: who.id, toUser: null, nickname: ''};
	case 'neg':
		return {primary: who.id, extras: '-1', toUser: who, nickname: who.nickname, primary2: '-1'};
	case 'zero':
		return {primary: '0', extras: '0', toUser: null, nickname: ''};
	case 'minus1':
		return {primary: '-1', extras: '-1', toUser: null, nickname: ''};
	case 'absent':
		return {primary: '', extras: '', toUser: null, nickname: ''};
	default:
		throw new Error(`unknown wire ${m.wire}`);
	}
}

// monitorExtra is a JSON string made by TikTok; ids in it are bare numbers (written digit for digit here).
function monitorExtra(m, gift, toUserId)
{
	return `{"anchor_id":${HOST.id},"from_idc":"maliva","from_user_id":${m.sender.id},"gift_id":${gift.id},` +
	       `"gift_type":${gift.type},"log_id":"20250601180000${m.msgId.slice(-6)}","msg_id":${m.msgId},` +
	       `"repeat_count":${m.repeatCount},"repeat_end":${m.repeatEnd},"room_id":${m.room},` +
	       `"send_gift_profit_core_start_ms":0,"send_gift_send_message_success_ms":${m.t},"to_user_id":${toUserId}}`;
}

const avatar = (u) => `https://p16-sign-va.tiktokcdn.com/tos-maliva-avt-0068/${u.uniqueId.replace(/[^a-z0-9]/g, '')}~c5_100x100.jpeg`;
const secUid = (u) => `MS4wLjABAAAA${Buffer.from(u.id).toString('base64url')}`;

// ---------------------------------------------------------------------------------------------------------
// 1.2.3: protobufjs with the library's tiktokSchema.proto; frames go through decodeProtobufMessage().

function v1User(u)
{
	return {userId: u.id, nickname: u.nickname, uniqueId: u.uniqueId, secUid: secUid(u),
		profilePicture: {urls: [avatar(u)]}, followInfo: {followingCount: 12, followerCount: 345, followStatus: 0}};
}

function v1Event(m, displayType, label)
{
	return {msgId: m.msgId, createTime: String(m.t), eventDetails: {displayType, label}};
}

function v1Message(m)
{
	switch (m.kind) {
	case 'gift': {
		const gift = GIFTS[m.gift];
		const r = recipientFields(m);
		const extra = {timestamp: String(m.t)};
		if (r.primary !== '' && r.primary !== '0' && r.primary !== '-1') {
			extra.receiverUserId = r.primary; // uint64: 0 and -1 are not sent as such; left unset
		}
		return ['WebcastGiftMessage', {
			event: v1Event(m, 'webcast_aweme_gift_send_message', '{0:user} sent {1:gift} {2:string}'),
			giftId: gift.id, repeatCount: m.repeatCount, user: v1User(m.sender), repeatEnd: m.repeatEnd,
			groupId: m.groupId,
			giftDetails: {giftImage: {giftPictureUrl: `https://p19-webcast.tiktokcdn.com/img/maliva/webcast-va/${gift.id}~tplv-obj.webp`},
				giftName: gift.name, describe: `sent ${gift.name}`, giftType: gift.type, diamondCount: gift.diamonds},
			monitorExtra: r.extras === '' ? '' : monitorExtra(m, gift, r.extras),
			giftExtra: extra,
		}];
	}
	case 'battleStart':
	case 'battleEnd':
		return ['WebcastLinkMicBattle', {battleUsers: m.hosts.map((h) => ({battleGroup: {user: {userId: h.id,
			nickname: h.nickname, uniqueId: h.uniqueId, profilePicture: {urls: [avatar(h)]}}}}))}];
	case 'armies':
		return ['WebcastLinkMicArmies', {
			battleItems: Object.entries(m.points).map(([hostId, points]) => ({hostUserId: hostId,
				battleGroups: [{users: (m.supporters[hostId] ?? []).map(v1User), points}]})),
			battleStatus: m.status === 'ended' ? 2 : 1,
		}];
	case 'streamEnd':
		return ['WebcastControlMessage', {action: 3}];
	case 'sub':
		return ['WebcastSubNotifyMessage', {event: v1Event(m, 'pm_mt_sub_notify', '{0:user} just subscribed'),
			user: v1User(m.user), exhibitionType: 1, subMonth: m.months, subscribeType: 1, subscribingStatus: 1}];
	case 'superfanBox':
	case 'envelope':
		// the 1.x envelope carries no business type: a Super Fan box looks like any treasure box
		return ['WebcastEnvelopeMessage', {treasureBoxUser: {user2: {user3: [{user4: {user: v1User(m.user)}}]}},
			treasureBoxData: {coins: m.diamonds, canOpen: 1, timestamp: String(m.t)}}];
	case 'superfanJoin':
	case 'superfan':
		return ['WebcastBarrageMessage', null]; // not in the 1.2.3 schema: the library decodes nothing
	case 'goal':
		return ['WebcastGoalUpdateMessage', null]; // not in the 1.2.3 schema
	default:
		throw new Error(`v1: unknown ${m.kind}`);
	}
}

async function recordV1(messages)
{
	const {serializeMessage} = v1.webcastProtobuf;
	const conn = new v1.WebcastPushConnection(HOST.uniqueId);
	const lines = [];
	const errors = [];
	conn.on('error', (e) => errors.push(e));
	const emit = conn.emit.bind(conn);
	conn.emit = (name, ...args) => {
		if (name !== 'rawData' && name !== 'decodedData' && name !== 'error') {
			lines.push(JSON.stringify({event: name, data: args[0]}));
		}
		return emit(name, ...args);
	};
	conn.disconnect = () => {}; // streamEnd calls it; there is no connection to close offline
	for (const m of messages) {
		const [type, body] = v1Message(m);
		// unknown types travel as opaque bytes: the library skips them, as it would on the wire
		const binary = body === null ? Buffer.from('0a00', 'hex') : serializeMessage(type, body);
		const frame = serializeMessage('WebcastResponse', {messages: [{type, binary}], cursor: `t-${m.t}`,
			fetchInterval: 1000, serverTimestamp: String(m.t)});
		await conn.decodeProtobufMessage('WebcastResponse', frame);
	}
	if (errors.length) {
		throw new Error(`1.2.3 reported errors: ${errors.map((e) => e.info).join('; ')}`);
	}
	return lines;
}

// ---------------------------------------------------------------------------------------------------------
// 2.5.0: tiktok-live-proto v3 (the library's schema); WebcastPushFrame -> deserializeWebSocketMessage() ->
// TikTokLiveConnection.processProtoMessageFetchResult().

const P = v2;
const mk = (T, fields) => Object.assign(T.decode(new Uint8Array(0)), fields);

function v2Image(u)
{
	return mk(P.ImageModel, {urlList: [avatar(u)], uri: `100x100/${u.uniqueId}`, width: 100, height: 100});
}

function v2User(u)
{
	return mk(P.User, {id: u.id, nickname: u.nickname, displayId: u.uniqueId, secUid: secUid(u),
		avatarThumb: v2Image(u)});
}

function v2Common(m, method, key, pattern)
{
	return mk(P.CommonMessageData, {method, msgId: m.msgId, roomId: m.room, createTime: String(m.t), isShowMsg: true,
		displayText: key ? mk(P.MessageCommonText, {key, defaultPattern: pattern ?? ''}) : undefined});
}

function v2Armies(m)
{
	const armies = {};
	for (const [hostId, points] of Object.entries(m.points)) {
		armies[hostId] = mk(P.BattleUserArmies, {hostscore: String(points), anchorIdStr: hostId,
			userArmies: (m.supporters?.[hostId] ?? []).map((u, i, all) => mk(P.BattleUserArmy, {userId: u.id,
				userIdStr: u.id, nickname: u.nickname, score: String(Math.floor(points / all.length))}))});
	}
	return armies;
}

function v2Settings(m, status)
{
	return mk(P.BattleSetting, {battleId: m.id, status, duration: 300, startTimeMs: String(m.t), battleType: 1});
}

function v2Message(m)
{
	switch (m.kind) {
	case 'gift': {
		const gift = GIFTS[m.gift];
		const r = recipientFields(m);
		return ['WebcastGiftMessage', P.WebcastGiftMessage, mk(P.WebcastGiftMessage, {
			common: v2Common(m, 'WebcastGiftMessage', 'webcast_aweme_gift_send_message',
				'{0:user} sent {1:gift} {2:string}'),
			giftId: String(gift.id), fanTicketCount: gift.diamonds * m.repeatCount, groupCount: 1,
			repeatCount: m.repeatCount, comboCount: m.repeatCount, user: v2User(m.sender),
			toUser: r.toUser ? v2User(r.toUser) : undefined, repeatEnd: m.repeatEnd, groupId: m.groupId,
			gift: mk(P.Gift, {id: String(gift.id), name: gift.name, describe: `sent ${gift.name}`,
				diamondCount: gift.diamonds, type: gift.type, combo: gift.type === 1, duration: 1000}),
			logId: `20250601180000${m.msgId.slice(-6)}`, sendType: '1',
			monitorExtra: r.extras === '' ? '' : monitorExtra(m, gift, r.extras),
			monitorInfo: r.extras === '' ? undefined : mk(P.GiftMonitorInfo, {anchorId: HOST.id,
				toUserId: r.extras, sendGiftSendMessageSuccessMs: String(m.t), fromPlatform: 'android'}),
			isFirstSent: m.repeatCount === 1,
			toMemberId: r.primary2 ?? (r.primary === '' ? '0' : r.primary),
			toMemberIdInt: r.primary2 ?? (r.primary === '' ? '0' : r.primary),
			toMemberNickname: r.nickname,
		})];
	}
	case 'battleStart':
		return ['WebcastLinkMicBattle', P.WebcastLinkMicBattle, mk(P.WebcastLinkMicBattle, {
			common: v2Common(m, 'WebcastLinkMicBattle'), battleId: m.id, action: 4 /* OPEN */,
			battleSettings: v2Settings(m, 1 /* BATTLE_STARTED */),
			anchorsInfo: m.hosts.map((h) => mk(P.BattleUserInfoWrapper, {key: h.id, value: mk(P.BattleUserInfo,
				{user: mk(P.BattleBaseUserInfo, {userId: h.id, nickName: h.nickname, displayId: h.uniqueId,
					roomId: h.id === HOST.id ? m.room : '0', avatarThumb: v2Image(h)})})})),
		})];
	case 'battleEnd': {
		const battleResult = {};
		for (const h of m.hosts) {
			battleResult[h.id] = mk(P.BattleResult, {userId: h.id, result: h.id === m.winner ? 0 /* WIN */ : 1 /* LOSE */,
				score: String(m.points[h.id])});
		}
		return ['WebcastLinkMicBattle', P.WebcastLinkMicBattle, mk(P.WebcastLinkMicBattle, {
			common: v2Common(m, 'WebcastLinkMicBattle'), battleId: m.id, action: 5 /* FINISH */,
			battleSettings: v2Settings(m, 2 /* BATTLE_FINISHED */), battleResult,
			armies: Object.entries(v2Armies(m)).map(([key, value]) => mk(P.UserArmiesWrapper, {key, value})),
		})];
	}
	case 'armies':
		return ['WebcastLinkMicArmies', P.WebcastLinkMicArmies, mk(P.WebcastLinkMicArmies, {
			common: v2Common(m, 'WebcastLinkMicArmies'), battleId: m.id, armies: v2Armies(m),
			triggerReason: m.status === 'ended' ? 2 /* BATTLE_END */ : 1 /* SCORE_UPDATE */,
			battleSettings: v2Settings(m, m.status === 'ended' ? 2 : 1),
		})];
	case 'streamEnd':
		return ['WebcastControlMessage', P.WebcastControlMessage, mk(P.WebcastControlMessage, {
			common: v2Common(m, 'WebcastControlMessage'), action: 3 /* CONTROL_ACTION_STREAM_ENDED */})];
	case 'sub':
		return ['WebcastSubNotifyMessage', P.WebcastSubNotifyMessage, mk(P.WebcastSubNotifyMessage, {
			common: v2Common(m, 'WebcastSubNotifyMessage', 'pm_mt_sub_notify', '{0:user} just subscribed'),
			user: v2User(m.user), exhibitionType: 1, subMonth: String(m.months), subscribeType: 1,
			subscribingStatus: 1})];
	case 'superfanJoin':
	case 'superfan': {
		const key = m.kind === 'superfanJoin' ? 'ttlive_superfan_commentnotif_superfanjoined'
		                                      : 'ttlive_superfan_commentnotif_levelup';
		return ['WebcastBarrageMessage', P.WebcastBarrageMessage, mk(P.WebcastBarrageMessage, {
			common: v2Common(m, 'WebcastBarrageMessage'), user: v2User(m.user),
			content: mk(P.MessageCommonText, {key, defaultPattern: m.kind === 'superfanJoin' ? '{0:user} became a Super Fan'
			                                                                     : '{0:user} is a Super Fan level 2'}),
		})];
	}
	case 'superfanBox':
	case 'envelope': {
		const box = m.kind === 'superfanBox';
		return ['WebcastEnvelopeMessage', P.WebcastEnvelopeMessage, mk(P.WebcastEnvelopeMessage, {
			common: v2Common(m, 'WebcastEnvelopeMessage', box ? 'ttlive_superfanbox_sent' : 'live_envelope_sent'),
			envelopeInfo: mk(P.MessageRedEnvelopInfo, {envelopeId: `${m.msgId}1`, businessType: box ? 19 : 1,
				sendUserName: m.user.nickname, sendUserId: m.user.id, diamondCount: m.diamonds, peopleCount: 10,
				createAt: String(Math.floor(m.t / 1000)), roomId: m.room, superFanCount: box ? 10 : 0}),
		})];
	}
	case 'goal':
		return ['WebcastGoalUpdateMessage', P.WebcastGoalUpdateMessage, mk(P.WebcastGoalUpdateMessage, {
			common: v2Common(m, 'WebcastGoalUpdateMessage'),
			goal: mk(P.LiveStreamGoal, {id: m.goal.id, idStr: m.goal.id, description: m.goal.description, status: 1,
				subGoals: [mk(P.LiveStreamSubGoal, {type: 1, id: '5655', idStr: '5655', progress: String(m.goal.progress),
					target: String(m.goal.target)})]}),
		})];
	default:
		throw new Error(`v2: unknown ${m.kind}`);
	}
}

async function recordV2(messages)
{
	const conn = new P.TikTokLiveConnection(HOST.uniqueId, {});
	const lines = [];
	const errors = [];
	conn.on('error', (e) => errors.push(e));
	const emit = conn.emit.bind(conn);
	conn.emit = (name, ...args) => {
		if (name !== 'rawData' && name !== 'decodedData' && name !== 'error') {
			lines.push(JSON.stringify({event: name, data: args[0]}));
		}
		return emit(name, ...args);
	};
	conn.disconnect = async () => {}; // streamEnd awaits it; there is no connection to close offline
	for (const m of messages) {
		const [method, T, body] = v2Message(m);
		const result = mk(P.ProtoMessageFetchResult, {messages: [mk(P.BaseProtoMessage, {method,
			payload: Buffer.from(T.encode(body).finish()), msgId: m.msgId, msgType: 0})],
		cursor: `t-${m.t}`, fetchInterval: '1000', now: String(m.t)});
		const frame = P.WebcastPushFrame.encode(mk(P.WebcastPushFrame, {seqId: '1', logId: m.msgId, service: '1',
			method: '1', payloadEncoding: 'pb', payloadType: 'msg',
			payload: gzipSync(Buffer.from(P.ProtoMessageFetchResult.encode(result).finish()))})).finish();
		const decoded = await P.deserializeWebSocketMessage(Buffer.from(frame));
		await conn.processProtoMessageFetchResult(decoded.protoMessageFetchResult);
	}
	if (errors.length) {
		throw new Error(`2.5.0 reported errors: ${errors.map((e) => `${e.info}: ${e.exception}`).join('; ')}`);
	}
	return lines;
}

// ---------------------------------------------------------------------------------------------------------

const RULES = [
	'SPEC-11 summary sections, counted from the scenario description (tests/fixtures-gen/scenarios.mjs), never from the recording.',
	'Gifts: giftType 1 counts once on repeatEnd with its final repeatCount; other gift types on arrival; coins = units x diamondCount.',
	'Recipient: host, unknown (no recipient named anywhere: 0, -1, unset) or a guest; top-level coins/gifts = host + unknown.',
	'Streams: a new room id starts a new stream; same room after more than 30 minutes without an event starts one (silence); coins/gifts per stream = host + unknown.',
	'Battles: in order of first sight; teams sorted by host_id (string order); points are never coins; a linkMicBattle naming the same hosts as the current battle continues it.',
	'Subscriptions: distinct msgIds of subscribe/subNotify events. Super Fans: superFanJoin = joins, superFanBox = boxes, superFan = other (the barrage/envelope event emitted with each is the same message).',
	'not_compared: paths the wire shape cannot carry exactly; the checker skips them. unique_id is compared without a leading @.',
];

function shapeNotes(shape, scenario)
{
	if (shape === 'tlc-1.2.3') {
		return [
			'1.2.3 names a gift recipient only by giftExtra.receiverUserId (exact string) and monitorExtra.to_user_id (a JSON number: ids over 2^53 are rounded). The host id appears only as monitorExtra.anchor_id (rounded).',
			'1.2.3 carries no guest names, no room id outside monitorExtra (rounded), no battle id, no battle winner (implied by the final points of a linkMicArmies with battleStatus 2), no Super Fan or goal events (its envelope has no business type).',
		];
	}
	return [
		'2.5.0 names a gift recipient by toUser (id, displayId, nickname), toMemberId / toMemberIdInt / toMemberNickname, monitorInfo.toUserId and monitorExtra.to_user_id (a string); the host by monitorInfo.anchorId and monitorExtra.anchor_id.',
	];
}

let total = 0;
for (const [index, scenario] of SCENARIOS.entries()) {
	const messages = wireMessages(scenario, index);
	for (const [shape, record] of [['tlc-1.2.3', recordV1], ['tlc-2.5.0', recordV2]]) {
		const lines = await record(messages);
		const dir = join(outRoot, shape);
		mkdirSync(dir, {recursive: true});
		writeFileSync(join(dir, `${scenario.name}.jsonl`), lines.map((l) => `${l}\n`).join(''));
		const expected = {
			scenario: scenario.name,
			title: scenario.title,
			shape,
			library: `tiktok-live-connector ${shape.slice(4)}`,
			rules: RULES,
			notes: shapeNotes(shape, scenario),
			not_compared: notCompared(shape),
			summary: expectedSummary(scenario, shape),
		};
		writeFileSync(join(dir, `${scenario.name}.expected.json`), `${JSON.stringify(expected, null, 2)}\n`);
		total += lines.length;
		console.log(`${shape}/${scenario.name}: ${messages.length} frames, ${lines.length} events`);
	}
}
console.log(`${total} events recorded`);
