#include "obs/named-sources.hpp"

#include <obs.hpp>

namespace livegifts::obs {

std::vector<NamedSource> sourcesOf(const char *id)
{
	struct Search {
		const char *id;
		std::vector<NamedSource> found;
	} search{id, {}};
	obs_enum_sources(
	    [](void *param, obs_source_t *source) {
		    auto *s = static_cast<Search *>(param);
		    const char *kind = obs_source_get_unversioned_id(source);
		    if (kind != nullptr && std::string(kind) == s->id) {
			    const char *name = obs_source_get_name(source);
			    OBSDataAutoRelease settings(obs_source_get_settings(source));
			    const char *goal = obs_data_get_string(settings, "goal_id");
			    const char *goalKind = obs_data_get_string(settings, "goal_kind");
			    s->found.push_back({name ? name : "", goal ? goal : "", goalKind ? goalKind : ""});
		    }
		    return true;
	    },
	    &search);
	return search.found;
}

} // namespace livegifts::obs
