// The bridge's server side, offline: a fake TikTok connection emits events, a real WebSocket client on
// 127.0.0.1 receives them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';

import { Bridge, acceptableOrigin, toFrame } from '../lib/bridge.js';

function connect(port, headers = {}) {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(`ws://127.0.0.1:${port}/`, { headers });
		const frames = [];
		socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
		socket.once('open', () => resolve({ socket, frames }));
		socket.once('error', reject);
		socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
}

async function until(predicate, timeoutMs = 2000) {
	const deadline = Date.now() + timeoutMs;
	while (!predicate()) {
		if (Date.now() > deadline) {
			throw new Error('timed out');
		}
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

async function withBridge(options, body) {
	const connection = new EventEmitter();
	const bridge = new Bridge({ connection, port: 0, ...options });
	const port = await bridge.start();
	try {
		await body({ connection, bridge, port });
	} finally {
		await bridge.stop();
	}
}

test('listens on the loopback interface only', async () => {
	assert.throws(() => new Bridge({ connection: new EventEmitter(), host: '0.0.0.0' }), /loopback/);
	assert.throws(() => new Bridge({ connection: new EventEmitter(), host: '192.168.1.5' }), /loopback/);
	await withBridge({}, async ({ bridge }) => {
		assert.equal(bridge.server.address().address, '127.0.0.1');
	});
});

test('forwards events as {"event","data"} frames, large integers as strings', async () => {
	await withBridge({}, async ({ connection, port }) => {
		const { socket, frames } = await connect(port);
		connection.emit('gift', { common: { msgId: 7510400000000058966n }, repeatCount: 3, user: { nickname: '小红花🌸' } });
		connection.emit('like', { msgId: '2', likeCount: 5 });
		connection.emit('rawData', { ignored: true }); // not in the list: not forwarded
		connection.emit('streamEnd', { action: 3 });
		await until(() => frames.length === 3);
		assert.deepEqual(frames[0], {
			event: 'gift',
			data: { common: { msgId: '7510400000000058966' }, repeatCount: 3, user: { nickname: '小红花🌸' } },
		});
		assert.deepEqual(frames.map((f) => f.event), ['gift', 'like', 'streamEnd']);
		socket.close();
	});
});

test('a client that connects late gets the recent frames first, at most historySize', async () => {
	await withBridge({ historySize: 3 }, async ({ connection, port }) => {
		for (let i = 1; i <= 5; i++) {
			connection.emit('like', { msgId: String(i), likeCount: 1 });
		}
		const { socket, frames } = await connect(port);
		await until(() => frames.length === 3);
		assert.deepEqual(frames.map((f) => f.data.msgId), ['3', '4', '5']);
		connection.emit('like', { msgId: '6', likeCount: 1 });
		await until(() => frames.length === 4);
		assert.equal(frames[3].data.msgId, '6');
		socket.close();
	});
});

test('every client receives every frame', async () => {
	await withBridge({ historySize: 0 }, async ({ connection, port, bridge }) => {
		const a = await connect(port);
		const b = await connect(port);
		await until(() => bridge.clientCount === 2);
		connection.emit('follow', { msgId: '9' });
		await until(() => a.frames.length === 1 && b.frames.length === 1);
		assert.equal(b.frames[0].event, 'follow');
		a.socket.close();
		b.socket.close();
	});
});

test('browser pages are refused unless they are the bridge\'s own origin; native clients are not', async () => {
	await withBridge({}, async ({ port }) => {
		const refused = ['https://evil.example', 'null', 'file://', 'file:///home/user/overlay.html',
			'http://localhost:8080', `http://localhost:${port}.evil.example`, `http://127.0.0.1:${port}/x`];
		for (const origin of refused) {
			await assert.rejects(connect(port, { Origin: origin }), /HTTP 401/, origin);
		}
		const own = await connect(port, { Origin: `http://127.0.0.1:${port}` });
		own.socket.close();
		const native = await connect(port);
		native.socket.close();
	});
	await withBridge({ allowAnyOrigin: true }, async ({ port }) => {
		for (const origin of ['https://overlay.example', 'null', 'file:///home/user/overlay.html']) {
			const any = await connect(port, { Origin: origin });
			any.socket.close();
		}
	});
});

test('acceptableOrigin: no Origin header (a native client) or the own origin only', () => {
	assert.equal(acceptableOrigin(undefined, 21213), true);
	assert.equal(acceptableOrigin('http://localhost:21213', 21213), true);
	assert.equal(acceptableOrigin('http://[::1]:21213', 21213), true);
	assert.equal(acceptableOrigin('http://localhost:21214', 21213), false);
	assert.equal(acceptableOrigin('http://localhost', 21213), false);
	assert.equal(acceptableOrigin('', 21213), false);
	assert.equal(acceptableOrigin('null', 21213), false);
	assert.equal(acceptableOrigin('NULL', 21213), false);
	assert.equal(acceptableOrigin('file://', 21213), false);
	assert.equal(acceptableOrigin('null', 21213, true), true);
});

test('stop() detaches from the connection and closes clients', async () => {
	const connection = new EventEmitter();
	const bridge = new Bridge({ connection, port: 0 });
	const port = await bridge.start();
	const { socket } = await connect(port);
	const closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
	await bridge.stop();
	assert.equal(await closed, 1001);
	assert.equal(connection.listenerCount('gift'), 0);
});

test('toFrame writes the envelope', () => {
	assert.equal(toFrame('like', { n: 1n }), '{"event":"like","data":{"n":"1"}}');
	assert.equal(toFrame('streamEnd'), '{"event":"streamEnd","data":{}}');
});
