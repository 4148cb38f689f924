// RemotePicture (avatar.hpp): the video thread's side of a download, apart from the painting so that the
// painting needs no runtime (nor libobs).

#include "obs/render/avatar.hpp"

#include "obs/runtime.hpp"

#include <utility>

namespace livegifts::obs {

void RemotePicture::follow(const std::string &url, bool allowLocal)
{
	if (url == url_ && allowLocal == allowLocal_ && !url.empty()) {
		return;
	}
	url_ = url;
	allowLocal_ = allowLocal;
	pixels_.reset();
	state_ = connect::ImageState::Failed;
	if (!url_.empty()) {
		state_ = connect::ImageState::Loading;
		poll();
	}
}

bool RemotePicture::poll()
{
	if (state_ != connect::ImageState::Loading) {
		return false;
	}
	connect::ImageLookup lookup = Runtime::instance().images().get(url_, allowLocal_);
	if (lookup.state == connect::ImageState::Loading) {
		return false;
	}
	state_ = lookup.state;
	pixels_ = std::move(lookup.pixels);
	return true;
}

std::shared_ptr<const connect::ImagePixels> readyPicture(connect::ImageFetcher &images, const std::string &url,
							 bool allowLocal)
{
	if (url.empty()) {
		return nullptr;
	}
	connect::ImageLookup lookup = images.get(url, allowLocal);
	return lookup.state == connect::ImageState::Ready ? std::move(lookup.pixels) : nullptr;
}

} // namespace livegifts::obs
