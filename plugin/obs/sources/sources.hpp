#pragma once

// Every source the module registers; module.cpp registers them in one place.

#include <obs-module.h>

namespace livegifts::obs {

obs_source_info goalBarSourceInfo();
obs_source_info giftAlertsSourceInfo();
obs_source_info topSupportersSourceInfo();
obs_source_info coinJarSourceInfo();
obs_source_info giftVersusSourceInfo();

} // namespace livegifts::obs
