#pragma once

// The "Connection" group every Live Gifts source shows until the dock exists. Its fields show the one
// global connection of the runtime's store; sources never keep or save a copy of it:
// - get_properties writes the store's values into the source's settings right before the dialog reads them;
// - update pushes the settings' values to the store only when the user edited them in this source's
//   dialog, i.e. when they differ from every value this source last showed or saw (never compared with the
//   store: a look change, a duplicate or a scene collection with old keys cannot write a stale copy back);
// - save strips the fields, so scene collections hold no copy (and no API key).

#include <obs-module.h>

#include "connect/connection-store.hpp"

#include <mutex>
#include <optional>
#include <vector>

namespace livegifts::obs {

void addConnectionProperties(obs_properties_t *props);
void setConnectionDefaults(obs_data_t *settings);

class ConnectionFields {
public:
	// create (any thread OBS creates on): remembers what the settings hold, pushes nothing.
	void saw(obs_data_t *settings);
	// get_properties (UI thread): writes the store's values into the settings and remembers them.
	void show(obs_data_t *settings);
	// update (video thread; no I/O): hands an edit to the runtime.
	void update(obs_data_t *settings);
	// save: removes the fields from what is saved.
	static void strip(obs_data_t *settings);

private:
	void remember(const connect::ConnectionSettings &values); // mutex_ held

	std::mutex mutex_; // guards known_; held only to compare and copy (no I/O, no logging)
	std::vector<connect::ConnectionSettings> known_; // shown or seen here since the last edit, newest last
};

} // namespace livegifts::obs
