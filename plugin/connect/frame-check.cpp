#include "connect/frame-check.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace livegifts::connect {

namespace {

// SAX handler: validates the whole document, remembers the top-level "event" string.
class EventNameSax final : public nlohmann::json::json_sax_t {
public:
	bool streamEnd = false;

	bool null() override { return scalar(); }
	bool boolean(bool) override { return scalar(); }
	bool number_integer(number_integer_t) override { return scalar(); }
	bool number_unsigned(number_unsigned_t) override { return scalar(); }
	bool number_float(number_float_t, const string_t &) override { return scalar(); }
	bool string(string_t &value) override
	{
		if (depth_ == 1 && eventKey_ && value == "streamEnd") {
			streamEnd = true;
		}
		return scalar();
	}
	bool binary(binary_t &) override { return scalar(); }
	bool start_object(std::size_t) override
	{
		eventKey_ = false;
		++depth_;
		return true;
	}
	bool key(string_t &value) override
	{
		eventKey_ = depth_ == 1 && value == "event";
		return true;
	}
	bool end_object() override
	{
		--depth_;
		return true;
	}
	bool start_array(std::size_t) override
	{
		eventKey_ = false;
		++depth_;
		return true;
	}
	bool end_array() override
	{
		--depth_;
		return true;
	}
	bool parse_error(std::size_t, const std::string &, const nlohmann::json::exception &) override { return false; }

private:
	bool scalar()
	{
		eventKey_ = false;
		return true;
	}

	int depth_ = 0;
	bool eventKey_ = false;
};

} // namespace

FrameCheck checkFrame(std::string_view frame)
{
	FrameCheck check;
	EventNameSax sax;
	check.json =
	    nlohmann::json::sax_parse(frame.begin(), frame.end(), &sax, nlohmann::json::input_format_t::json, true);
	check.streamEnd = check.json && sax.streamEnd;
	return check;
}

} // namespace livegifts::connect
