// SPDX-License-Identifier: GPL-3.0-or-later
// The whole C surface of GLPK the project sees. Debian's libglpk-dev ships no pkg-config file,
// so the module map links "glpk" by name.
#ifndef ONCALL_CGLPK_SHIM_H
#define ONCALL_CGLPK_SHIM_H

#include <glpk.h>

#if GLP_MAJOR_VERSION < 5 && !(GLP_MAJOR_VERSION == 4 && GLP_MINOR_VERSION >= 60)
#error "oncall needs GLPK 4.60 or later (Debian: apt-get install libglpk-dev)"
#endif

#endif
