#include "attackregistry.h"

#include "fgsm.h"
#include "pgd.h"
#include "util/error.h"

#include <functional>

namespace advlens::core {

namespace {

struct Entry {
    AttackInfo info;
    std::function<std::unique_ptr<Attack>()> make;
};

// Adding an attack: implement it in its own file and add one line here.
const std::vector<Entry>& entries()
{
    static const std::vector<Entry> table = {
        {{"fgsm", "Fast Gradient Sign Method: one step of size eps", false}, [] { return std::make_unique<Fgsm>(); }},
        {{"pgd", "Projected Gradient Descent: random start, iterative, projected (linf/l2)", true},
         [] { return std::make_unique<Pgd>(); }},
    };
    return table;
}

} // namespace

const std::vector<AttackInfo>& availableAttacks()
{
    static const std::vector<AttackInfo> infos = [] {
        std::vector<AttackInfo> list;
        for (const Entry& entry : entries())
            list.push_back(entry.info);
        return list;
    }();
    return infos;
}

std::unique_ptr<Attack> createAttack(const std::string& name)
{
    std::string known;
    for (const Entry& entry : entries()) {
        if (entry.info.name == name)
            return entry.make();
        known += (known.empty() ? "" : ", ") + entry.info.name;
    }
    throw Error("unknown attack '" + name + "' (known: " + known + ")");
}

} // namespace advlens::core
