#include "obs/dock/dock-module.hpp"

#include "obs/dock/live-dock.hpp"
#include "obs/dock/status-text.hpp"
#include "obs/plugin-support.hpp"
#include "obs/rules/rule-runner.hpp"
#include "obs/runtime.hpp"
#include "obs/scene-save.hpp"

#include "core/private-files.hpp"
#include "core/utf8-path.hpp"

#include <obs-frontend-api.h>
#include <obs-module.h>
#include <util/bmem.h>
#include <util/platform.h>

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QPointer>

#include <array>
#include <string>

namespace livegifts::obs::dock {

namespace {

constexpr const char *kDockId = "live-gifts-dock";

struct Hotkey {
	const char *name;    // saved under this name
	const char *textKey; // what Settings → Hotkeys shows
	void (*run)();       // what it does (the hotkey thread; the runtime queues it)
	obs_hotkey_id id = OBS_INVALID_HOTKEY_ID;
};

// UI thread (load, unload, frontend callbacks).
std::array<Hotkey, 3> hotkeys = {{
    {"live_gifts_reconnect", "LiveGifts.Dock.Hotkey.Reconnect", [] { Runtime::instance().reconnect(); }},
    {"live_gifts_start_stream", "LiveGifts.Dock.Hotkey.StartStream", [] { Runtime::instance().startStream(); }},
    {"live_gifts_end_stream", "LiveGifts.Dock.Hotkey.EndStream", [] { Runtime::instance().endStream(); }},
}};
QPointer<LiveDock> contents; // UI thread
bool frontendUp = false;     // UI thread: load found a frontend

void onHotkey(void *data, obs_hotkey_id, obs_hotkey_t *, bool pressed)
{
	if (pressed) {
		guarded("hotkey", [&] {
			const auto *hotkey = static_cast<const Hotkey *>(data);
			LG_LOG(LOG_INFO, "hotkey %s", hotkey->name);
			hotkey->run();
		});
	}
}

// The hotkeys' bindings go with the scene collection, as OBS's own frontend hotkeys do.
void onSave(obs_data_t *data, bool saving, void *)
{
	guarded("hotkeys save", [&] {
		for (Hotkey &hotkey : hotkeys) {
			if (saving) {
				obs_data_array_t *array = obs_hotkey_save(hotkey.id);
				obs_data_set_array(data, hotkey.name, array);
				obs_data_array_release(array);
			} else {
				obs_data_array_t *array = obs_data_get_array(data, hotkey.name);
				obs_hotkey_load(hotkey.id, array);
				obs_data_array_release(array);
			}
		}
	});
}

// The first time OBS runs with the module, the dock is shown floating so the streamer finds it; after
// that OBS keeps where it is and whether it is shown.
void introduceDock()
{
	char *flag = obs_module_config_path("dock-introduced");
	if (!flag || !contents) {
		bfree(flag);
		return;
	}
	if (!os_file_exists(flag)) {
		auto *dockWidget = qobject_cast<QDockWidget *>(contents->parentWidget());
		if (dockWidget && !dockWidget->isVisible()) {
			dockWidget->setFloating(true);
			dockWidget->resize(420, 900);
			dockWidget->show();
		}
		char *folder = obs_module_config_path("");
		std::string error;
		if (folder && !makePrivateFolders(pathFromUtf8(folder), ExistingFolder::Restrict, error)) {
			LG_LOG(LOG_WARNING, "config folder: %s", error.c_str());
		}
		bfree(folder);
		os_quick_write_utf8_file(flag, "", 0, false);
	}
	bfree(flag);
}

void onEvent(enum obs_frontend_event event, void *)
{
	guarded("frontend event", [&] {
		if (event == OBS_FRONTEND_EVENT_FINISHED_LOADING) {
			introduceDock();
		} else if (event == OBS_FRONTEND_EVENT_EXIT) {
			setSceneSaveAvailable(false); // OBS saves once more as it exits
			if (contents) {
				contents->stop();
			}
			if (RuleRunner *rules = RuleRunner::existing()) {
				rules->stop(); // before OBS clears its scenes
			}
		}
	});
}

void addDock(QMainWindow *window)
{
	const QString title = loc("LiveGifts.Dock.Title");
	contents = new LiveDock(window);
#if LIBOBS_API_MAJOR_VER >= 30
	obs_frontend_add_dock_by_id(kDockId, title.toUtf8().constData(), contents.data());
#else
	auto *dockWidget = new QDockWidget(window);
	dockWidget->setObjectName(QString::fromUtf8(kDockId));
	dockWidget->setWindowTitle(title);
	dockWidget->setWidget(contents.data());
	dockWidget->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
				QDockWidget::DockWidgetFloatable);
	window->addDockWidget(Qt::RightDockWidgetArea, dockWidget);
	dockWidget->setFloating(true);
	dockWidget->hide();
	obs_frontend_add_dock(dockWidget);
#endif
}

} // namespace

void loadFrontend()
{
	// A QApplication and the frontend's main window: the real OBS. Anything else (the render host runs
	// libobs under a QGuiApplication without a frontend) gets no widget and no frontend callback.
	auto *window = static_cast<QMainWindow *>(obs_frontend_get_main_window());
	if (!qobject_cast<QApplication *>(QCoreApplication::instance()) || !window) {
		LG_LOG(LOG_INFO, "no OBS frontend: no dock");
		return;
	}
	frontendUp = true;
	setSceneSaveAvailable(true);
	for (Hotkey &hotkey : hotkeys) {
		hotkey.id =
		    obs_hotkey_register_frontend(hotkey.name, obs_module_text(hotkey.textKey), onHotkey, &hotkey);
	}
	obs_frontend_add_save_callback(onSave, nullptr);
	obs_frontend_add_event_callback(onEvent, nullptr);
	addDock(window);
	LG_LOG(LOG_INFO, "dock added");
}

void unloadFrontend()
{
	if (!frontendUp) {
		return;
	}
	frontendUp = false;
	setSceneSaveAvailable(false);
	obs_frontend_remove_event_callback(onEvent, nullptr);
	obs_frontend_remove_save_callback(onSave, nullptr);
	for (Hotkey &hotkey : hotkeys) {
		if (hotkey.id != OBS_INVALID_HOTKEY_ID) {
			obs_hotkey_unregister(hotkey.id);
			hotkey.id = OBS_INVALID_HOTKEY_ID;
		}
	}
	if (contents) {
		contents->stop();
	}
}

} // namespace livegifts::obs::dock
