#pragma once

// The record of a battle, superfan or TikTok goal message to its Event fields (called by mapRecord).

#include "core/event.hpp"
#include "core/raw-value.hpp"

namespace livegifts::detail {

// linkMicBattle / linkMicArmies: battle id, phase and teams. Never fails: a battle message that tells
// nothing usable still counts as arrived.
void mapBattle(Record &rec, Event &ev);
// A barrage or envelope message is a superfan message when its display key (or envelope business type
// 19) says so; `ev.kind` becomes SuperFan then. The superFan* events get their sub-kind.
void mapSuperFan(const Record &rec, Event &ev);
// goalUpdate: the goal's id, description and its first sub-goal's progress and target.
void mapGoalUpdate(Record &rec, Event &ev);
// A gift's battle multiplier (matchInfo.multiplierValue), 0 when none.
void mapGiftMultiplier(const Record &rec, Event &ev);

} // namespace livegifts::detail
