#include "obs/rules/rule-actions.hpp"

#include "obs/plugin-support.hpp"

#include "core/checked.hpp"
#include "core/utf8.hpp"
#include "view/show-rules.hpp"

#include <obs-frontend-api.h>
#include <obs.hpp>

#include <filesystem>
#include <memory>
#include <vector>

namespace livegifts::obs {

namespace {

// The output channel our sounds play on: mixed into the program like a scene's audio. OBS's frontend
// uses 0 (the scene) to 6 (audio devices); 62 is well clear of them.
constexpr std::uint32_t kSoundChannel = 62;
constexpr const char *kSoundSourceName = "Live Gifts rule sound";

// A name for a log line: its first 80 bytes (a rule's name may hold 4096, and a rule can fire many times a
// minute).
std::string forLog(std::string shown)
{
	constexpr std::size_t kLogNameBytes = 80;
	if (shown.size() > kLogNameBytes) {
		cutUtf8(shown, kLogNameBytes);
		shown += "…";
	}
	return shown;
}

// The scene named `name`, or the program's scene when empty (a new reference, or null).
OBSSourceAutoRelease sceneSource(const std::string &name)
{
	if (!name.empty()) {
		return OBSSourceAutoRelease(obs_get_source_by_name(name.c_str()));
	}
	OBSSourceAutoRelease current(obs_frontend_get_current_scene());
	if (current) {
		return current;
	}
	return OBSSourceAutoRelease(obs_get_output_source(0));
}

obs_scene_t *sceneOf(obs_source_t *source)
{
	if (!source) {
		return nullptr;
	}
	obs_scene_t *scene = obs_scene_from_source(source);
	return scene ? scene : obs_group_from_source(source);
}

bool frontendPresent()
{
	return obs_frontend_get_main_window() != nullptr;
}

// Switches the program to the scene named `target` on the UI thread; `previous` gets the scene it left.
struct SceneSwitch {
	std::string target;
	std::shared_ptr<std::string> previous;
	bool back = false; // switching back: only when the program still shows `target`
};

void switchSceneTask(void *param)
{
	std::unique_ptr<SceneSwitch> job(static_cast<SceneSwitch *>(param));
	guarded("rule scene switch", [&] {
		OBSSourceAutoRelease current(obs_frontend_get_current_scene());
		const std::string currentName = current ? obs_source_get_name(current) : "";
		if (job->back) {
			if (currentName != job->target || job->previous->empty()) {
				return; // the streamer moved on: leave it
			}
			OBSSourceAutoRelease scene(obs_get_source_by_name(job->previous->c_str()));
			if (scene) {
				obs_frontend_set_current_scene(scene);
			}
			return;
		}
		OBSSourceAutoRelease scene(obs_get_source_by_name(job->target.c_str()));
		if (scene && sceneOf(scene)) {
			*job->previous = currentName;
			obs_frontend_set_current_scene(scene);
		}
	});
}

std::string soundPath(const std::string &sound)
{
	if (sound.find_first_of("/\\.") != std::string::npos) {
		return sound;
	}
	char *path = obs_module_file(("sounds/" + sound + ".wav").c_str());
	std::string result = path ? path : "";
	bfree(path);
	return result;
}

struct HotkeySearch {
	const std::string *name;
	obs_hotkey_id id = OBS_INVALID_HOTKEY_ID;
};

bool findHotkey(void *data, obs_hotkey_id id, obs_hotkey_t *key)
{
	auto *search = static_cast<HotkeySearch *>(data);
	const char *name = obs_hotkey_get_name(key);
	if (name && *search->name == name) {
		search->id = id;
		return false;
	}
	return true;
}

// Whether `source` shows text it reads from its "text" setting (OBS's text sources: FreeType 2 and GDI+, each
// version): the only sources a counter writes to.
bool isTextSource(obs_source_t *source)
{
	const char *id = obs_source_get_unversioned_id(source);
	if (id == nullptr || std::string_view(id).rfind("text_", 0) != 0) {
		return false;
	}
	obs_properties_t *properties = obs_source_properties(source);
	const bool hasText = properties != nullptr && obs_properties_get(properties, "text") != nullptr;
	obs_properties_destroy(properties);
	return hasText;
}

} // namespace

ActionRunner::~ActionRunner()
{
	undoAll();
	guarded("rule sound release", [] {
		// Our sound player leaves its channel with the rules thread (OBS is still whole here).
		OBSSourceAutoRelease player(obs_get_output_source(kSoundChannel));
		if (player && std::string(obs_source_get_name(player)) == kSoundSourceName) {
			obs_set_output_source(kSoundChannel, nullptr);
		}
	});
}

void ActionRunner::problem(const std::string &ruleId, const std::string &ruleName, const char *kind,
			   const std::string &name)
{
	// Rate-limited: a rule set can fire hundreds of times a second at a deleted source.
	limitedLog().log(LogLevel::Warning, "rule '" + forLog(ruleName.empty() ? ruleId : ruleName) +
						"': " + view::ruleProblemWords(kind, forLog(name)));
	report_(RuleProblem{ruleId, ruleName, kind, name, 1});
}

void ActionRunner::holdUntil(HeldMap ActionRunner::*held, const std::string &key, bool before, Millis until,
			     const std::string &ruleId, const std::string &ruleName,
			     std::function<void(ActionRunner &, const Undo &)> off)
{
	Held &entry =
	    (this->*held).try_emplace(key, Held{before, 0}).first->second; // the first hold saw the streamer's
	entry.holds += 1;
	undo_.emplace(until,
		      Undo{ruleId, ruleName, [held, key, off = std::move(off)](ActionRunner &self, const Undo &u) {
				   if (release(self.*held, key)) {
					   off(self, u);
				   }
			   }});
}

bool ActionRunner::release(HeldMap &held, const std::string &key)
{
	const auto found = held.find(key);
	if (found == held.end()) {
		return true;
	}
	if (--found->second.holds > 0) {
		return false; // another firing still shows it
	}
	const bool wasOff = !found->second.before;
	held.erase(found);
	return wasOff;
}

bool ActionRunner::setItemVisible(const std::string &ruleId, const std::string &ruleName, const std::string &scene,
				  const std::string &source, bool visible, bool *before)
{
	OBSSourceAutoRelease holder = sceneSource(scene);
	obs_scene_t *found = sceneOf(holder);
	if (!found) {
		problem(ruleId, ruleName, "missingScene", scene);
		return false;
	}
	obs_sceneitem_t *item = obs_scene_find_source_recursive(found, source.c_str());
	if (!item) {
		problem(ruleId, ruleName, "missingSource", source);
		return false;
	}
	obs_sceneitem_addref(item);
	if (before) {
		*before = obs_sceneitem_visible(item);
	}
	obs_sceneitem_set_visible(item, visible);
	obs_sceneitem_release(item);
	return true;
}

bool ActionRunner::setFilterEnabled(const std::string &ruleId, const std::string &ruleName, const std::string &source,
				    const std::string &filter, bool enabled, bool *before)
{
	OBSSourceAutoRelease owner(obs_get_source_by_name(source.c_str()));
	if (!owner) {
		problem(ruleId, ruleName, "missingSource", source);
		return false;
	}
	OBSSourceAutoRelease found(obs_source_get_filter_by_name(owner, filter.c_str()));
	if (!found) {
		problem(ruleId, ruleName, "missingFilter", filter);
		return false;
	}
	if (before) {
		*before = obs_source_enabled(found);
	}
	obs_source_set_enabled(found, enabled);
	return true;
}

void ActionRunner::playSound(const view::RuleFiring &firing, const view::RuleAction &action)
{
	const std::string path = soundPath(action.sound);
	std::error_code ec;
	if (path.empty() || !std::filesystem::is_regular_file(std::filesystem::u8path(path), ec)) {
		problem(firing.ruleId, firing.ruleName, "missingSound", action.sound);
		return;
	}
	OBSDataAutoRelease settings(obs_data_create());
	obs_data_set_bool(settings, "is_local_file", true);
	obs_data_set_string(settings, "local_file", path.c_str());
	obs_data_set_bool(settings, "restart_on_activate", false);
	obs_data_set_bool(settings, "close_when_inactive", false);
	// The channel holds the source (and OBS frees it with its channels); we keep no reference.
	OBSSourceAutoRelease player(obs_get_output_source(kSoundChannel));
	if (!player || std::string(obs_source_get_name(player)) != kSoundSourceName) {
		player = OBSSourceAutoRelease(obs_source_create_private("ffmpeg_source", kSoundSourceName, settings));
		if (!player) {
			problem(firing.ruleId, firing.ruleName, "noSoundPlayer", action.sound);
			return;
		}
		obs_set_output_source(kSoundChannel, player);
	} else {
		// Only for another file: each update logs the media source's whole settings (about 11 lines a sound).
		OBSDataAutoRelease current(obs_source_get_settings(player));
		if (path != obs_data_get_string(current, "local_file")) {
			obs_source_update(player, settings);
		}
	}
	obs_source_set_volume(player, static_cast<float>(action.volume) / 100.0f);
	obs_source_media_restart(player);
}

void ActionRunner::showAlert(const view::RuleFiring &firing, const view::RuleAction &action)
{
	OBSSourceAutoRelease alerts(obs_get_source_by_name(action.source.c_str()));
	if (!alerts) {
		problem(firing.ruleId, firing.ruleName, "missingSource", action.source);
		return;
	}
	const char *kind = obs_source_get_id(alerts);
	if (kind == nullptr || std::string(kind) != "live_gifts_gift_alerts") {
		problem(firing.ruleId, firing.ruleName, "notAlerts", action.source);
		return;
	}
	// The source's procedure only hands the card to its next tick (its alert queue paces it there).
	calldata_t params;
	calldata_init(&params);
	const std::string nickname = firing.test ? text("LiveGifts.Alerts.TestName") : firing.nickname;
	calldata_set_string(&params, "text", action.text.c_str());
	calldata_set_string(&params, "nickname", nickname.c_str());
	calldata_set_string(&params, "user", firing.test ? "live_gifts_test" : firing.userId.c_str());
	calldata_set_string(&params, "avatar", firing.avatarUrl.c_str());
	calldata_set_string(&params, "gift", firing.giftName.c_str());
	calldata_set_string(&params, "gift_image", firing.giftImageUrl.c_str());
	calldata_set_string(&params, "recipient", firing.recipient.c_str());
	calldata_set_int(&params, "gift_id", firing.giftId);
	calldata_set_int(&params, "count", firing.count);
	calldata_set_int(&params, "coins", firing.coins);
	proc_handler_call(obs_source_get_proc_handler(alerts), "live_gifts_alerts_card", &params);
	calldata_free(&params);
}

bool ActionRunner::runOne(const view::RuleFiring &firing, const view::RuleAction &action, Millis now)
{
	const std::string &id = firing.ruleId;
	const std::string &name = firing.ruleName;
	switch (action.kind) {
	case view::ActionKind::ShowSource: {
		bool before = false;
		if (!setItemVisible(id, name, action.scene, action.source, true, &before)) {
			return false;
		}
		if (action.durationMs > 0) {
			holdUntil(&ActionRunner::heldItems_, action.scene + '\x1f' + action.source, before,
				  saturatingAdd(now, action.durationMs), id, name,
				  [scene = action.scene, source = action.source](ActionRunner &self, const Undo &u) {
					  self.setItemVisible(u.ruleId, u.ruleName, scene, source, false);
				  });
		}
		return true;
	}
	case view::ActionKind::SwitchScene: {
		// A scene that does not exist first: without OBS's window the streamer learns that too.
		OBSSourceAutoRelease scene(obs_get_source_by_name(action.scene.c_str()));
		if (!sceneOf(scene)) {
			problem(id, name, "missingScene", action.scene);
			return false;
		}
		if (!frontendPresent()) {
			problem(id, name, "noFrontend", action.scene);
			return false;
		}
		auto previous = std::make_shared<std::string>();
		obs_queue_task(OBS_TASK_UI, switchSceneTask, new SceneSwitch{action.scene, previous, false}, false);
		if (action.durationMs > 0) {
			Undo back{id, name, [target = action.scene, previous](ActionRunner &, const Undo &) {
					  obs_queue_task(OBS_TASK_UI, switchSceneTask,
							 new SceneSwitch{target, previous, true}, false);
				  }};
			back.atStop = false;
			undo_.emplace(saturatingAdd(now, action.durationMs), std::move(back));
		}
		return true;
	}
	case view::ActionKind::RestartMedia: {
		OBSSourceAutoRelease media(obs_get_source_by_name(action.source.c_str()));
		if (!media) {
			problem(id, name, "missingSource", action.source);
			return false;
		}
		if ((obs_source_get_output_flags(media) & OBS_SOURCE_CONTROLLABLE_MEDIA) == 0) {
			problem(id, name, "notMedia", action.source);
			return false;
		}
		obs_source_media_restart(media);
		break;
	}
	case view::ActionKind::EnableFilter: {
		bool before = false;
		if (!setFilterEnabled(id, name, action.source, action.filter, true, &before)) {
			return false;
		}
		if (action.durationMs > 0) {
			holdUntil(&ActionRunner::heldFilters_, action.source + '\x1f' + action.filter, before,
				  saturatingAdd(now, action.durationMs), id, name,
				  [source = action.source, filter = action.filter](ActionRunner &self, const Undo &u) {
					  self.setFilterEnabled(u.ruleId, u.ruleName, source, filter, false);
				  });
		}
		return true;
	}
	case view::ActionKind::Hotkey: {
		HotkeySearch search{&action.hotkey};
		obs_enum_hotkeys(findHotkey, &search);
		if (search.id == OBS_INVALID_HOTKEY_ID) {
			problem(id, name, "missingHotkey", action.hotkey);
			return false;
		}
		obs_hotkey_trigger_routed_callback(search.id, true);
		obs_hotkey_trigger_routed_callback(search.id, false);
		break;
	}
	case view::ActionKind::PlaySound:
		playSound(firing, action);
		break;
	case view::ActionKind::ShowAlert:
		showAlert(firing, action);
		break;
	case view::ActionKind::AddCounter: {
		std::int64_t &counter = counters_[action.counter];
		counter = saturatingAdd(counter, action.amount);
		const std::int64_t value = counter;
		OBSSourceAutoRelease text(obs_get_source_by_name(action.counter.c_str()));
		if (!text) {
			problem(id, name, "missingSource", action.counter);
			return false;
		}
		if (!isTextSource(text)) {
			problem(id, name, "notText", action.counter);
			return false;
		}
		OBSDataAutoRelease settings(obs_data_create());
		obs_data_set_string(settings, "text", std::to_string(value).c_str());
		obs_source_update(text, settings);
		break;
	}
	}
	return true;
}

Millis ActionRunner::run(const view::RuleFiring &firing, Millis now)
{
	// Rate-limited too: a gift can fire hundreds of rules at once.
	const std::string who = firing.test ? " (test)" : firing.userId.empty() ? "" : " by " + firing.userId;
	limitedLog().log(LogLevel::Info, "rule '" + forLog(firing.ruleName.empty() ? firing.ruleId : firing.ruleName) +
					     "' fired" + who);
	std::vector<view::RuleAction> tookEffect;
	for (const view::RuleAction &action : firing.actions) {
		bool done = false;
		guarded("rule action", [&] { done = runOne(firing, action, now); });
		if (done) {
			tookEffect.push_back(action);
		}
	}
	return view::busyTimeOf(tookEffect);
}

void ActionRunner::due(Millis now)
{
	while (!undo_.empty() && undo_.begin()->first <= now) {
		const Undo undo = std::move(undo_.begin()->second);
		undo_.erase(undo_.begin());
		guarded("rule undo", [&] { undo.act(*this, undo); });
	}
}

void ActionRunner::undoAll()
{
	auto pending = std::move(undo_);
	undo_.clear();
	for (auto &[at, undo] : pending) {
		if (undo.atStop) {
			guarded("rule undo", [&] { undo.act(*this, undo); });
		}
	}
}

} // namespace livegifts::obs
