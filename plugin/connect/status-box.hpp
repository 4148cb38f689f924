#pragma once

// Internal: the status a connector's thread writes and any thread reads.

#include <mutex>

#include "connect/connector.hpp"

namespace livegifts::connect {

class StatusBox {
public:
	ConnectorStatus get() const
	{
		std::lock_guard<std::mutex> lock(mutex_);
		return status_;
	}

	template <typename F>
	void update(F &&change)
	{
		std::lock_guard<std::mutex> lock(mutex_);
		change(status_);
	}

private:
	mutable std::mutex mutex_;
	ConnectorStatus status_; // guarded by mutex_; written by the connector thread, read by anyone
};

} // namespace livegifts::connect
