#pragma once

// Files and folders that hold the streamer's data (connection settings with an API key, the ledger,
// recordings, the image cache) are for the user alone: on POSIX, files 0600 and the folders we create
// 0700, set at creation (no moment where they are readable by others, whatever the umask) and tightened
// when an existing one is wider. On Windows the user's profile folder already keeps them private: these
// create folders and files with the defaults and change nothing.

#include <filesystem>
#include <string>

namespace livegifts {

// Whether a folder that exists already is restricted too (ours, e.g. the plugin's config folder) or left
// as it is (one the user chose, e.g. the folder of a recording given on the command line).
enum class ExistingFolder { Keep, Restrict };

// Creates `folder` and its missing parents, each 0700. False with a reason when it cannot.
bool makePrivateFolders(const std::filesystem::path &folder, ExistingFolder existing, std::string &error);

// Creates `file` empty with mode 0600 when it is missing; restricts it to 0600 when it exists with a wider
// mode. False with a reason when it cannot.
bool preparePrivateFile(const std::filesystem::path &file, std::string &error);

// Restricts an existing file to 0600 (nothing when it is missing). False with a reason when it cannot.
bool restrictFile(const std::filesystem::path &file, std::string &error);

// Gives an existing `file` of this user the owner's read and write access that `like` has. SQLite makes a
// database's -wal and -shm files with the mode the database had then: after a write-protected ledger is made
// writable again, they would keep it unusable. Nothing when either is missing or `file` is someone else's.
// False with a reason when it cannot.
bool shareOwnerAccess(const std::filesystem::path &file, const std::filesystem::path &like, std::string &error);

} // namespace livegifts
