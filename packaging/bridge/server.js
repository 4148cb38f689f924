#!/usr/bin/env node
// live-gifts-bridge: connects to a TikTok LIVE by @handle with the tiktok-live-connector package and serves
// its events on ws://127.0.0.1:21213/ (TikFinity's address), so obs-live-gifts' "TikFinity" connector works
// without TikFinity. Reconnects on its own; keeps checking for a new LIVE after a stream ends.
//
//   node server.js @handle [--port 21213] [--history 200] [--sign-api-key KEY] [--allow-any-origin]

import { Bridge, DEFAULT_PORT } from './lib/bridge.js';

function usage(message) {
	if (message) {
		console.error(message);
	}
	console.error('usage: node server.js @handle [--port N] [--history N] [--sign-api-key KEY] [--allow-any-origin]');
	process.exit(2);
}

function parseArgs(argv) {
	const options = { port: DEFAULT_PORT, history: 200, signApiKey: process.env.SIGN_API_KEY, allowAnyOrigin: false };
	const rest = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = () => argv[++i] ?? usage(`${arg} needs a value`);
		if (arg === '--port') {
			options.port = Number.parseInt(value(), 10);
		} else if (arg === '--history') {
			options.history = Number.parseInt(value(), 10);
		} else if (arg === '--sign-api-key') {
			options.signApiKey = value();
		} else if (arg === '--allow-any-origin') {
			options.allowAnyOrigin = true;
		} else if (arg === '--help' || arg === '-h') {
			usage();
		} else {
			rest.push(arg);
		}
	}
	if (rest.length !== 1) {
		usage('give exactly one TikTok @handle');
	}
	options.handle = rest[0].replace(/^@/, '');
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
		usage('--port must be 0..65535');
	}
	return options;
}

const log = (line) => console.log(`[live-gifts-bridge] ${new Date().toISOString()} ${line}`);

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const { TikTokLiveConnection, ControlEvent } = await import('tiktok-live-connector');
	const connection = new TikTokLiveConnection(options.handle, {
		processInitialData: true,
		enableExtendedGiftInfo: true,
		...(options.signApiKey ? { signApiKey: options.signApiKey } : {}),
	});
	const bridge = new Bridge({
		connection, port: options.port, historySize: options.history, allowAnyOrigin: options.allowAnyOrigin, log,
	});
	await bridge.start();

	let stopping = false;
	let attempt = 0;
	let timer = null;
	let streamEnded = false;

	const schedule = (reason) => {
		if (stopping || timer) {
			return;
		}
		// Capped exponential backoff with jitter; a minute between checks after the stream ended.
		const base = streamEnded ? 60000 : Math.min(60000, 2000 * 2 ** Math.min(attempt, 10));
		const delay = Math.round(base * (0.8 + 0.4 * Math.random()));
		attempt += 1;
		log(`${reason}; trying again in ${Math.round(delay / 1000)} s`);
		timer = setTimeout(() => {
			timer = null;
			connect();
		}, delay);
	};

	const connect = async () => {
		try {
			const state = await connection.connect();
			attempt = 0;
			streamEnded = false;
			log(`connected to @${options.handle} (room ${state.roomId})`);
		} catch (err) {
			schedule(`cannot connect to @${options.handle}: ${err?.message ?? err}`);
		}
	};

	connection.on(ControlEvent.DISCONNECTED, () => schedule('disconnected from TikTok'));
	connection.on(ControlEvent.ERROR, (err) => log(`error: ${err?.info ?? err?.exception?.message ?? err}`));
	connection.on('streamEnd', () => {
		streamEnded = true;
		log('the LIVE stream ended');
	});

	const shutdown = async () => {
		if (stopping) {
			return;
		}
		stopping = true;
		clearTimeout(timer);
		log('stopping');
		await bridge.stop();
		try {
			await connection.disconnect();
		} catch {
			// already gone
		}
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);

	await connect();
}

main().catch((err) => {
	console.error(`[live-gifts-bridge] ${err?.stack ?? err}`);
	process.exit(1);
});
