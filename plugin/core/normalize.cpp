#include "core/normalize.hpp"

#include <nlohmann/json.hpp>

#include "core/frame-handler.hpp"
#include "core/heap.hpp"
#include "core/json-scan.hpp"
#include "core/utf8.hpp"

namespace livegifts {

struct FrameParser::Scanner : detail::JsonScanner<detail::FrameHandler> {};

FrameParser::FrameParser(std::size_t maxFrameBytes)
    : handler_(std::make_unique<detail::FrameHandler>()), scanner_(std::make_unique<Scanner>()),
      maxFrameBytes_(maxFrameBytes)
{
}

FrameParser::~FrameParser() = default;

ParseResult FrameParser::parse(std::string_view frame, std::vector<Event> &out)
{
	if (frame.size() > maxFrameBytes_) {
		return ParseResult::rejected("frame too large (" + std::to_string(frame.size()) + " bytes, limit " +
					     std::to_string(maxFrameBytes_) +
					     " bytes, limits::maxFrameBytes); frame skipped");
	}
	ParseResult result = parseFrame(frame, out);
	if (handler_->droppedErrors > 0) {
		result.errors.push_back({"... and " + std::to_string(handler_->droppedErrors) +
					 " more errors in this frame (limits::maxErrorsPerFrame)"});
	}
	if (frame.size() >= limits::releaseAfterBytes) {
		// On a connector's thread too: what the frame made the parser hold goes back to the system.
		handler_->release();
		scanner_->release();
		releaseFreeHeap();
	}
	return result;
}

namespace {

// nlohmann takes a leading byte 0xEF for the start of a byte-order mark, so a frame beginning with any other
// character of U+F000..U+FFFF (U+FFFD, what broken bytes are replaced by, among them) is reported as an
// "invalid BOM". Names the bytes the frame begins with instead.
std::string notJsonStart(std::string_view frame)
{
	std::string bytes;
	for (std::size_t i = 0; i < frame.size() && i < 4; ++i) {
		bytes += i > 0 ? " " : "";
		appendHexByte(bytes, static_cast<unsigned char>(frame[i]));
	}
	return "malformed JSON: the frame begins with bytes " + bytes + ", not with a JSON value";
}

} // namespace

ParseResult FrameParser::parseFrame(std::string_view frame, std::vector<Event> &out)
{
	ParseResult result;
	const std::size_t firstNew = out.size();
	// A limit of limits.hpp stopped the frame: its events go with it, the error names the limit.
	auto limited = [&]() {
		out.resize(firstNew);
		result = ParseResult::rejected(handler_->limitError);
		handler_->droppedErrors = 0;
		return result;
	};
	auto run = [&](std::string_view text) {
		handler_->begin(out, result);
		return nlohmann::json::sax_parse(text.begin(), text.end(), handler_.get(),
						 nlohmann::json::input_format_t::json, true);
	};
	if (fastPath_) {
		handler_->begin(out, result);
		if (scanner_->scan(frame, *handler_)) {
			if (!handler_->sawRoot) {
				result.frameOk = false;
				result.errors.push_back({"frame is not a JSON object"});
			}
			return result;
		}
		if (!handler_->limitError.empty()) {
			return limited();
		}
		// Not for the fast path (malformed, or unusual): nlohmann decides and explains.
		out.resize(firstNew);
		result = ParseResult{};
	}
	bool ok = run(frame);
	if (!ok && handler_->limitError.empty() && (!isValidUtf8(frame) || hasLoneSurrogateEscape(frame))) {
		// Keep the message: replace broken bytes and lone surrogate escapes (JavaScript's text of a string
		// cut inside an emoji) by U+FFFD and try again.
		out.resize(firstNew);
		result.errors.clear();
		result.frameOk = true;
		result.repairedUtf8 = true;
		const std::string repaired = repairJsonText(frame);
		ok = run(repaired);
		for (std::size_t i = firstNew; ok && i < out.size(); ++i) {
			// Ids that differed only in their broken bytes would be one id now, and distinct gifts
			// duplicates: a damaged id identifies nothing, the message is told apart by its content
			// (fingerprint.hpp).
			if (out[i].msgId.find("\xEF\xBF\xBD") != std::string::npos) {
				out[i].msgId.clear();
			}
		}
	}
	if (!ok && !handler_->limitError.empty()) {
		return limited();
	}
	if (ok && !handler_->sawRoot) {
		result.frameOk = false;
		result.errors.push_back({"frame is not a JSON object"});
	}
	if (!ok) {
		// A syntax error: events of a half-read bundle are dropped with the frame, as a whole.
		out.resize(firstNew);
		result.frameOk = false;
		std::string message = handler_->syntaxError.empty() ? "malformed JSON" : handler_->syntaxError;
		if (message.find("invalid BOM") != std::string::npos) {
			message = notJsonStart(frame);
		}
		if (message.size() > 300) {
			message.resize(300);
			message += "...";
		}
		result.errors.insert(result.errors.begin(), ParseError{repairUtf8(message)});
	}
	return result;
}

ParsedFrame FrameParser::parse(std::string_view frame)
{
	ParsedFrame parsed;
	parsed.result = parse(frame, parsed.events);
	return parsed;
}

bool ParsedFrame::streamEnd() const
{
	for (const Event &event : events) {
		if (event.kind == EventKind::StreamEnd) {
			return true;
		}
	}
	return false;
}

} // namespace livegifts
