// The MIPs of keniki::siting, solved with GLPK (the only file that includes glpk.h). Every model is
// a minimisation over x_j (open candidate j, binary) on a Table:
//   coverage   min Σ w_i u_i                 u_i + Σ_{j covers i} x_j >= 1, Σ x_j = K    (MCLP with u = 1 - y)
//   distance   min Σ w_i (Σ c_ij z_ij + f_i u_i)   Σ_j z_ij + u_i = 1, z_ij <= x_j, Σ x_j = K
//   equity     min t                          the same assignment, Σ c_ij z_ij + f_i u_i <= t
//   cover_all  min Σ x_j                      Σ_{j covers i} x_j >= 1 for every coverable point
// f_i is the point's fallback: the unreached cost, or its nearest fixed hub when closer. A pair
// (i, j) only gets a variable when c_ij < f_i: the others can never serve i. Points of weight 0 drop
// out. The heuristic's answer is handed to the branch-and-cut as its first incumbent.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <glpk.h>

#include "siting/detail.hpp"

namespace keniki::siting::detail {

namespace {

struct ProbDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};
using ProbPtr = std::unique_ptr<glp_prob, ProbDeleter>;

/// A model under construction: columns with costs and bounds, rows of (column, coefficient).
struct Builder {
    glp_prob* lp;
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0.0};

    int column(double objective, double lo, double hi, bool binary) {
        const int j = glp_add_cols(lp, 1);
        glp_set_col_bnds(lp, j, lo == hi ? GLP_FX : GLP_DB, lo, hi);
        glp_set_obj_coef(lp, j, objective);
        if (binary) glp_set_col_kind(lp, j, GLP_BV);
        return j;
    }
    int row(int type, double lo, double hi) {
        const int i = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, i, type, lo, hi);
        return i;
    }
    void entry(int i, int j, double v) {
        ia.push_back(i);
        ja.push_back(j);
        ar.push_back(v);
    }
    void load() { glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data()); }
};

struct Callback {
    std::vector<double> start;  ///< 1-based column values of the heuristic's answer (empty: none)
    bool given = false;
    bool have_bound = false;
    double bound = 0;
};

void callback(glp_tree* tree, void* info) {
    auto* cb = static_cast<Callback*>(info);
    const int node = glp_ios_best_node(tree);
    if (node != 0) {
        cb->bound = glp_ios_node_bound(tree, node);
        cb->have_bound = true;
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && !cb->given && !cb->start.empty()) {
        cb->given = true;
        glp_ios_heur_sol(tree, cb->start.data());
    }
}

int milliseconds(const Deadline& d) {
    const double s = d.seconds_left();
    return static_cast<int>(std::clamp(s * 1000.0, 1.0, 2.0e9));
}

}  // namespace

std::string glpk_version() { return glp_version(); }

MipResult solve_mip(const Table& t, Model kind, std::size_t add, const std::vector<std::uint32_t>& start, const Deadline& deadline, bool lp_only,
                    double cap) {
    glp_term_out(GLP_OFF);
    MipResult out;
    ProbPtr owner(glp_create_prob());
    glp_prob* lp = owner.get();
    glp_set_obj_dir(lp, GLP_MIN);
    Builder b{lp};

    std::vector<char> in_start(t.sites, 0);
    for (std::size_t j = t.candidates; j < t.sites; ++j) in_start[j] = 1;
    for (std::uint32_t j : start) in_start[j] = 1;
    std::vector<double> x0{0.0};  // 1-based start values
    // GLPK checks a heuristic solution for integrality only, not the rows: pass only a feasible one.
    bool start_ok = kind == Model::cover_all || start.size() == add;

    std::vector<int> x_col(t.candidates);
    for (std::size_t j = 0; j < t.candidates; ++j) {
        x_col[j] = b.column(kind == Model::cover_all ? 1.0 : 0.0, 0, 1, true);
        x0.push_back(in_start[j] ? 1.0 : 0.0);
    }
    double constant = 0;
    const bool cover_model = kind == Model::coverage || kind == Model::cover_all;
    int t_col = 0;
    double t_low = 0, t_start = 0;
    if (kind == Model::equity) {
        t_col = b.column(1.0, 0, 0, false);
        x0.push_back(0.0);
    }
    for (std::uint32_t i = 0; i < t.points; ++i) {
        const double w = t.weight[i];
        if (kind == Model::equity ? !t.considered[i] : !(w > 0)) continue;
        // The fallback: the unreached cost, or the nearest fixed hub.
        double f = t.unreached;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
            if (t.row_site[e] >= t.candidates) f = std::min(f, t.row_cost[e]);
        }
        std::size_t useful = 0;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
            if (t.row_site[e] < t.candidates && t.row_cost[e] < f && t.row_cost[e] <= cap) ++useful;
        }
        if (useful == 0) {  // nothing any choice can change
            if (kind == Model::equity) t_low = std::max(t_low, f);
            else if (kind != Model::cover_all) constant += w * f;
            continue;
        }
        if (cover_model) {
            // Σ x_j + u_i >= 1 (coverage), Σ x_j >= 1 (cover_all)
            const int r = b.row(GLP_LO, 1, 0);
            bool covered = false;
            for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
                const std::uint32_t j = t.row_site[e];
                if (j < t.candidates && t.row_cost[e] < f) {
                    b.entry(r, x_col[j], 1.0);
                    covered = covered || in_start[j];
                }
            }
            if (kind == Model::coverage) {
                b.entry(r, b.column(w, 0, 1, false), 1.0);
                x0.push_back(covered ? 0.0 : 1.0);
            } else if (!covered) {
                start_ok = false;
            }
            continue;
        }
        // Assignment: Σ z_ij + u_i = 1, z_ij <= x_j; equity: Σ c z + f u <= t.
        const int assign = b.row(GLP_FX, 1, 1);
        const int worst = kind == Model::equity ? b.row(GLP_UP, 0, 0) : 0;
        // The start's assignment: its cheapest open pair, or the fallback.
        std::uint32_t start_e = k_none;
        double start_c = f;
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
            const std::uint32_t j = t.row_site[e];
            if (j < t.candidates && in_start[j] && t.row_cost[e] < start_c && t.row_cost[e] <= cap) {
                start_c = t.row_cost[e];
                start_e = e;
            }
        }
        for (std::uint32_t e = t.row_first[i]; e < t.row_first[i + 1]; ++e) {
            const std::uint32_t j = t.row_site[e];
            const double c = t.row_cost[e];
            if (!(j < t.candidates && c < f && c <= cap)) continue;
            const int z = b.column(kind == Model::distance ? w * c : 0.0, 0, 1, false);
            x0.push_back(e == start_e ? 1.0 : 0.0);
            b.entry(assign, z, 1.0);
            const int link = b.row(GLP_UP, 0, 0);
            b.entry(link, z, 1.0);
            b.entry(link, x_col[j], -1.0);
            if (worst) b.entry(worst, z, c);
        }
        if (f <= cap) {
            const int u = b.column(kind == Model::distance ? w * f : 0.0, 0, 1, false);
            x0.push_back(start_e == k_none ? 1.0 : 0.0);
            b.entry(assign, u, 1.0);
            if (worst) b.entry(worst, u, f);
        } else if (start_e == k_none) {
            start_ok = false;
        }
        if (worst) {
            b.entry(worst, t_col, -1.0);
            t_start = std::max(t_start, start_c);
        }
    }
    if (kind == Model::equity) {
        glp_set_col_bnds(lp, t_col, GLP_LO, t_low, 0);
        x0[static_cast<std::size_t>(t_col)] = std::max(t_low, t_start);
    }
    if (kind != Model::cover_all) {
        const int r = b.row(GLP_FX, static_cast<double>(add), static_cast<double>(add));
        for (std::size_t j = 0; j < t.candidates; ++j) b.entry(r, x_col[j], 1.0);
    }
    glp_set_obj_coef(lp, 0, constant);
    b.load();

    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    sp.meth = GLP_DUALP;
    sp.tm_lim = milliseconds(deadline);
    const int lp_rc = glp_simplex(lp, &sp);
    if (lp_rc == GLP_ETMLIM) {
        out.time_limit = true;
        out.note = "the time limit ended the LP relaxation";
        return out;
    }
    if (lp_rc != 0 || glp_get_status(lp) != GLP_OPT) {
        out.note = "GLPK's simplex failed on the LP relaxation (code " + std::to_string(lp_rc) + ", status " +
                   std::to_string(glp_get_status(lp)) + ")";
        return out;
    }
    out.bound = glp_get_obj_val(lp);
    if (lp_only) return out;

    Callback cb;
    if (start_ok) cb.start = x0;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.mir_cuts = GLP_ON;
    ip.br_tech = GLP_BR_PCH;  // hybrid pseudo-cost branching
    ip.bt_tech = GLP_BT_BPH;  // best projection
    ip.tm_lim = milliseconds(deadline);
    ip.cb_func = callback;
    ip.cb_info = &cb;
    const int rc = glp_intopt(lp, &ip);
    const int status = glp_mip_status(lp);
    if (rc == GLP_ETMLIM) {
        out.time_limit = true;
        out.note = "the time limit ended the branch-and-cut";
    } else if (rc != 0) {
        out.note = "GLPK's branch-and-cut stopped (code " + std::to_string(rc) + ")";
    }
    if (status != GLP_OPT && status != GLP_FEAS) {
        if (out.note.empty()) out.note = "GLPK found no integer solution (status " + std::to_string(status) + ")";
        return out;
    }
    out.solved = true;
    out.optimal = rc == 0 && status == GLP_OPT;
    out.objective = glp_mip_obj_val(lp);
    if (out.optimal) {
        out.bound = out.objective;
    } else if (cb.have_bound) {
        out.bound = std::max(out.bound, cb.bound);  // a node bound of a minimisation only rises above the root's
    }
    if (kind == Model::equity) out.bound = std::max(out.bound, t_low);
    for (std::size_t j = 0; j < t.candidates; ++j) {
        if (glp_mip_col_val(lp, x_col[j]) > 0.5) out.chosen.push_back(static_cast<std::uint32_t>(j));
    }
    return out;
}

}  // namespace keniki::siting::detail
