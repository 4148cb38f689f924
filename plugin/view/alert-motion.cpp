#include "view/alert-motion.hpp"

#include "view/easing.hpp"

namespace livegifts::view {

Motion motionFrom(std::string_view name)
{
	if (name == "fade") {
		return Motion::Fade;
	}
	if (name == "pop") {
		return Motion::Pop;
	}
	return Motion::Slide;
}

AlertFrame alertFrame(AlertPhase phase, float progress, Motion in, Motion out, int cardWidth)
{
	AlertFrame frame;
	const float t = progress;
	const float slide = static_cast<float>(cardWidth) * kSlideFraction;
	switch (phase) {
	case AlertPhase::Intro:
		switch (in) {
		case Motion::Slide:
			frame.offsetX = -(1.0f - ease::outCubic(t)) * slide;
			frame.opacity = ease::outCubic(t);
			break;
		case Motion::Fade:
			frame.opacity = ease::outCubic(t);
			break;
		case Motion::Pop: {
			// A spring in that never grows past full size: the source's bounds would cut the card on every
			// side, so the spring's overshoot is folded back below 1 (a bounce off full size).
			const float sprung = 0.4f + 0.6f * ease::outBack(t);
			frame.scale = sprung > 1.0f ? 2.0f - sprung : sprung;
			frame.opacity = ease::clamp01(t * 2.5f);
			break;
		}
		}
		break;
	case AlertPhase::Outro:
		switch (out) {
		case Motion::Slide:
			frame.offsetX = -ease::inCubic(t) * slide;
			frame.opacity = 1.0f - ease::inCubic(t);
			break;
		case Motion::Fade:
			frame.opacity = 1.0f - ease::inOutCubic(t);
			break;
		case Motion::Pop:
			frame.scale = 1.0f - 0.4f * ease::inCubic(t);
			frame.opacity = 1.0f - ease::inCubic(t);
			break;
		}
		break;
	case AlertPhase::Hold:
	case AlertPhase::Idle:
		break;
	}
	frame.visible = frame.opacity > 0.0f;
	return frame;
}

float pulseScale(Millis sinceMs)
{
	if (sinceMs < 0 || sinceMs >= kPulseMs) {
		return 1.0f;
	}
	return 1.0f + kPulseScale * ease::bump(static_cast<float>(sinceMs) / kPulseMs);
}

} // namespace livegifts::view
