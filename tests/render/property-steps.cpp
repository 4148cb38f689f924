#include "property-steps.hpp"

#include "host-options.hpp"

#include <obs-hotkey.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace render_host {

namespace {

// A hotkey a source registered: its name, id and the words OBS's Settings → Hotkeys shows for it.
struct SourceHotkey {
	std::string name;
	obs_hotkey_id id;
	std::string label;
};

// Every hotkey that `source` registered.
std::vector<SourceHotkey> hotkeysOf(obs_source_t *source)
{
	struct Search {
		obs_source_t *source;
		std::vector<SourceHotkey> found;
	} search{source, {}};
	obs_enum_hotkeys(
	    [](void *data, obs_hotkey_id id, obs_hotkey_t *hotkey) {
		    auto *s = static_cast<Search *>(data);
		    if (obs_hotkey_get_registerer_type(hotkey) == OBS_HOTKEY_REGISTERER_SOURCE &&
			obs_weak_source_references_source(
			    static_cast<obs_weak_source_t *>(obs_hotkey_get_registerer(hotkey)), s->source)) {
			    const char *label = obs_hotkey_get_description(hotkey);
			    s->found.push_back({obs_hotkey_get_name(hotkey), id, label != nullptr ? label : ""});
		    }
		    return true;
	    },
	    &search);
	return search.found;
}

// How many keys are bound to the hotkey.
size_t bindingsOf(obs_hotkey_id id)
{
	struct Count {
		obs_hotkey_id id;
		size_t bound;
	} count{id, 0};
	obs_enum_hotkey_bindings(
	    [](void *data, size_t, obs_hotkey_binding_t *binding) {
		    auto *c = static_cast<Count *>(data);
		    if (obs_hotkey_binding_get_hotkey_id(binding) == c->id) {
			    ++c->bound;
		    }
		    return true;
	    },
	    &count);
	return count.bound;
}

void chooseTheme(obs_source_t *source, const std::string &theme)
{
	OBSDataAutoRelease current(obs_source_get_settings(source));
	OBSDataAutoRelease edited(obs_data_create());
	obs_data_apply(edited, current);
	obs_data_set_string(edited, "theme", theme.c_str());
	obs_properties_t *props = obs_source_properties(source);
	obs_property_t *list = obs_properties_get(props, "theme");
	if (list == nullptr) {
		fail("the source has no theme list");
	}
	obs_property_modified(list, edited);
	obs_properties_destroy(props);
	obs_source_update(source, edited);
}

void openProperties(obs_source_t *source)
{
	OBSDataAutoRelease settings(obs_source_get_settings(source));
	obs_properties_t *props = obs_source_properties(source);
	obs_properties_apply_settings(props, settings);
	obs_properties_destroy(props);
	obs_source_update(source, settings);
}

void pressHotkey(obs_source_t *source, const std::string &name)
{
	for (const SourceHotkey &found : hotkeysOf(source)) {
		if (found.name == name) {
			const obs_hotkey_id id = found.id;
			// Routed so the press reaches the hotkey's own callback without a keyboard.
			obs_hotkey_enable_callback_rerouting(true);
			obs_hotkey_trigger_routed_callback(id, true);
			obs_hotkey_trigger_routed_callback(id, false);
			obs_hotkey_enable_callback_rerouting(false);
			return;
		}
	}
	fail("the source registered no hotkey '" + name + "'");
}

// A key pressed and released as the keyboard would: every hotkey bound to it runs (pairs included).
void pressKey(const std::string &name)
{
	const obs_key_combination_t combo{0, obs_key_from_name(name.c_str())};
	if (combo.key == OBS_KEY_NONE) {
		fail("no key named '" + name + "'");
	}
	obs_hotkey_inject_event(combo, true);
	obs_hotkey_inject_event(combo, false);
}

// A button of the source's properties clicked as OBS's window does: the properties made and given the settings
// (their modified callbacks run), the click, then which fields the window would show now.
bool clickButton(obs_source_t *source, const std::string &name, const nlohmann::json &visible)
{
	OBSDataAutoRelease settings(obs_source_get_settings(source));
	obs_properties_t *props = obs_source_properties(source);
	obs_properties_apply_settings(props, settings);
	obs_property_t *button = obs_properties_get(props, name.c_str());
	if (button == nullptr || obs_property_get_type(button) != OBS_PROPERTY_BUTTON) {
		obs_properties_destroy(props);
		fail("the source has no button '" + name + "'");
	}
	obs_property_button_clicked(button, source);
	bool ok = true;
	for (const auto &[field, want] : visible.items()) {
		obs_property_t *property = obs_properties_get(props, field.c_str());
		const bool shown = property != nullptr && obs_property_visible(property);
		const bool same = property != nullptr && shown == want.get<bool>();
		std::printf("render-host: after %s, %s %s, want %s: %s\n", name.c_str(), field.c_str(),
			    property == nullptr ? "(no such property)"
			    : shown             ? "shown"
						: "hidden",
			    want.get<bool>() ? "shown" : "hidden", same ? "ok" : "FAILED");
		ok = same && ok;
	}
	obs_properties_destroy(props);
	return ok;
}

} // namespace

bool runPropertyStep(const nlohmann::json &step, const std::function<obs_source_t *(const std::string &)> &sourceNamed)
{
	if (step.contains("choose_theme")) {
		chooseTheme(sourceNamed(step.at("choose_theme")), step.at("theme").get<std::string>());
	}
	if (step.contains("open_properties")) {
		openProperties(sourceNamed(step.at("open_properties")));
	}
	if (step.contains("key")) {
		pressKey(step.at("key").get<std::string>());
	}
	if (step.contains("hotkey")) {
		pressHotkey(sourceNamed(step.at("source")), step.at("hotkey").get<std::string>());
	}
	bool ok = true;
	if (step.contains("click_button")) {
		ok = clickButton(sourceNamed(step.at("source")), step.at("click_button").get<std::string>(),
				 step.value("expect_fields_shown", nlohmann::json::object())) &&
		     ok;
	}
	if (step.contains("expect_hotkeys")) {
		for (const auto &[sourceName, names] : step.at("expect_hotkeys").items()) {
			const auto registered = hotkeysOf(sourceNamed(sourceName));
			for (const auto &name : names) {
				const bool found = std::any_of(registered.begin(), registered.end(),
							       [&](const auto &each) { return each.name == name; });
				std::printf("render-host: hotkey %s of %s: %s\n", name.get<std::string>().c_str(),
					    sourceName.c_str(), found ? "registered" : "MISSING");
				ok = found && ok;
			}
		}
	}
	if (step.contains("expect_tooltips")) {
		for (const auto &[sourceName, names] : step.at("expect_tooltips").items()) {
			obs_properties_t *props = obs_source_properties(sourceNamed(sourceName));
			for (const auto &name : names) {
				obs_property_t *property = obs_properties_get(props, name.get<std::string>().c_str());
				const char *tip = property ? obs_property_long_description(property) : nullptr;
				// A key missing from the locale comes back as the key itself.
				const std::string text = tip ? tip : "";
				const bool good = !text.empty() && text.find(".Tooltip") == std::string::npos;
				std::printf("render-host: tooltip of %s of %s: %s\n", name.get<std::string>().c_str(),
					    sourceName.c_str(), good ? text.c_str() : "MISSING");
				ok = good && ok;
			}
			obs_properties_destroy(props);
		}
	}
	if (step.contains("expect_hotkey_labels_prefix")) {
		// Every hotkey of the source says whose it is, as the others' do ("Live Gifts: ...").
		for (const auto &[sourceName, prefix] : step.at("expect_hotkey_labels_prefix").items()) {
			const auto hotkeys = hotkeysOf(sourceNamed(sourceName));
			ok = !hotkeys.empty() && ok;
			for (const SourceHotkey &hotkey : hotkeys) {
				const std::string &label = hotkey.label;
				const bool good = label.rfind(prefix.get<std::string>(), 0) == 0;
				std::printf("render-host: hotkey of %s labelled '%s': %s\n", sourceName.c_str(),
					    label.c_str(), good ? "ok" : "FAILED");
				ok = good && ok;
			}
		}
	}
	if (step.contains("expect_labels")) {
		// The words a property shows in OBS's properties window, in the language OBS runs in.
		for (const auto &[sourceName, labels] : step.at("expect_labels").items()) {
			obs_properties_t *props = obs_source_properties(sourceNamed(sourceName));
			for (const auto &[name, want] : labels.items()) {
				obs_property_t *property = obs_properties_get(props, name.c_str());
				const char *label = property ? obs_property_description(property) : nullptr;
				const std::string text = label ? label : "(no such property)";
				const bool same = text == want.get<std::string>();
				std::printf("render-host: label of %s of %s: %s, want %s: %s\n", name.c_str(),
					    sourceName.c_str(), text.c_str(), want.get<std::string>().c_str(),
					    same ? "ok" : "FAILED");
				ok = same && ok;
			}
			obs_properties_destroy(props);
		}
	}
	if (step.contains("expect_names")) {
		// A source type's name as Add Source lists it.
		for (const auto &[id, want] : step.at("expect_names").items()) {
			const char *name = obs_source_get_display_name(id.c_str());
			const std::string text = name ? name : "(no such source type)";
			const bool same = text == want.get<std::string>();
			std::printf("render-host: name of %s: %s, want %s: %s\n", id.c_str(), text.c_str(),
				    want.get<std::string>().c_str(), same ? "ok" : "FAILED");
			ok = same && ok;
		}
	}
	if (step.contains("expect_bindings")) {
		for (const auto &[sourceName, expected] : step.at("expect_bindings").items()) {
			const auto registered = hotkeysOf(sourceNamed(sourceName));
			for (const auto &[name, count] : expected.items()) {
				size_t bound = 0;
				for (const SourceHotkey &found : registered) {
					if (found.name == name) {
						bound += bindingsOf(found.id);
					}
				}
				const bool same = bound == count.get<size_t>();
				std::printf("render-host: %zu key(s) bound to %s of %s, want %zu: %s\n", bound,
					    name.c_str(), sourceName.c_str(), count.get<size_t>(),
					    same ? "ok" : "FAILED");
				ok = same && ok;
			}
		}
	}
	if (step.contains("expect_settings")) {
		for (const auto &[sourceName, expected] : step.at("expect_settings").items()) {
			OBSDataAutoRelease settings(obs_source_get_settings(sourceNamed(sourceName)));
			const auto saved = nlohmann::json::parse(obs_data_get_json(settings));
			for (const auto &[key, value] : expected.items()) {
				// What OBS shows: the saved value, else the default.
				OBSDataAutoRelease defaults(obs_data_get_defaults(settings));
				const auto shown = saved.contains(key)
						       ? saved.at(key)
						       : nlohmann::json::parse(obs_data_get_json(defaults))
							     .value(key, nlohmann::json());
				const bool same = shown == value;
				std::printf("render-host: setting %s of %s = %s, want %s: %s\n", key.c_str(),
					    sourceName.c_str(), shown.dump().c_str(), value.dump().c_str(),
					    same ? "ok" : "FAILED");
				ok = same && ok;
			}
		}
	}
	return ok;
}

} // namespace render_host
