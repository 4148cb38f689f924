#pragma once

// The rules' procedures on every source of ours: live_gifts_rules (the rules, their counts, problems and
// counters as JSON) always; for the render-host tests only (obs/test-hooks.hpp) live_gifts_set_rules,
// live_gifts_rules_set_time, live_gifts_rules_sync and live_gifts_rules_test.

#include <obs.h>

namespace livegifts::obs {

void addRuleProcs(proc_handler_t *handler, bool testHooks);

// Our sources' count: the rules thread runs while any exists (source create and destroy).
void ruleSourceCreated();
void ruleSourceDestroyed();

} // namespace livegifts::obs
