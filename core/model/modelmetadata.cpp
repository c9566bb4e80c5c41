#include "core/model/modelmetadata.h"

#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <type_traits>

namespace advlens::core {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "advlens-model/1";

template <typename T> constexpr bool kIsInteger = std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <typename T> constexpr bool kIsIntegerList = false;
template <typename T> constexpr bool kIsIntegerList<std::vector<T>> = kIsInteger<T>;

/// A JSON integer that fits T. nlohmann's get<int>() would also take 2.5
/// (as 2), 1e300 (undefined behaviour) and 4294967324 (as 28), so floats are
/// refused and the range is checked before narrowing.
template <typename T> T integerValue(const json& value, const std::string& what)
{
    using Limits = std::numeric_limits<T>;
    const auto outOfRange = [&] {
        return Error(what + " must be a whole number from " + std::to_string(Limits::min()) + " to " +
                     std::to_string(Limits::max()) + ", not " + value.dump());
    };
    if (value.is_number_unsigned()) { // what JSON parsing makes of an integer ≥ 0
        if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(Limits::max()))
            throw outOfRange();
        return static_cast<T>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer()) {
        const auto number = value.get<std::int64_t>();
        const bool fits = number < 0 ? std::is_signed_v<T> && number >= static_cast<std::int64_t>(Limits::min())
                                     : static_cast<std::uint64_t>(number) <= static_cast<std::uint64_t>(Limits::max());
        if (!fits)
            throw outOfRange();
        return static_cast<T>(number);
    }
    if (value.is_number()) // a float, or an integer beyond 64 bits that JSON parsing made one
        throw outOfRange();
    throw Error(what + " has the wrong type");
}

template <typename T> T field(const json& object, const char* key, const std::string& where)
{
    if (!object.contains(key))
        throw Error(where + ": missing field \"" + key + "\"");
    const json& value = object.at(key);
    const std::string what = where + ": field \"" + key + "\"";
    if constexpr (kIsInteger<T>) {
        return integerValue<T>(value, what);
    } else if constexpr (kIsIntegerList<T>) {
        if (!value.is_array())
            throw Error(what + " has the wrong type");
        T list;
        list.reserve(value.size());
        for (const json& element : value)
            list.push_back(integerValue<typename T::value_type>(element, what + " entry"));
        return list;
    } else if constexpr (std::is_same_v<T, std::vector<float>>) {
        // Checked as doubles: a double beyond float's range made a float is undefined behaviour.
        if (!value.is_array())
            throw Error(what + " has the wrong type");
        T list;
        list.reserve(value.size());
        for (const json& element : value) {
            if (!element.is_number())
                throw Error(what + " has the wrong type");
            const auto number = element.get<double>();
            if (!(std::abs(number) <= std::numeric_limits<float>::max()))
                throw Error(what + " holds " + element.dump() + ", beyond a 32-bit float");
            list.push_back(static_cast<float>(number));
        }
        return list;
    } else {
        try {
            return value.get<T>();
        } catch (const json::exception&) {
            throw Error(what + " has the wrong type");
        }
    }
}

template <typename T> T optionalField(const json& object, const char* key, T fallback, const std::string& where)
{
    return object.contains(key) ? field<T>(object, key, where) : fallback;
}

ModelKind parseKind(const std::string& text, const std::string& where)
{
    if (text == "native")
        return ModelKind::Native;
    if (text == "torchscript")
        return ModelKind::TorchScript;
    if (text == "onnx")
        return ModelKind::Onnx;
    if (text == "ensemble")
        return ModelKind::Ensemble;
    throw Error(where + ": \"kind\" must be \"native\", \"torchscript\", \"onnx\" or \"ensemble\", not \"" + text +
                "\"");
}

ResizeMode parseResize(const std::string& text, const std::string& where)
{
    if (text == "stretch")
        return ResizeMode::Stretch;
    if (text == "shorter-side-center-crop")
        return ResizeMode::ShorterSideCenterCrop;
    throw Error(where + ": unknown resize mode \"" + text + "\"");
}

Interpolation parseInterpolation(const std::string& text, const std::string& where)
{
    if (text == "bilinear")
        return Interpolation::Bilinear;
    if (text == "area")
        return Interpolation::Area;
    if (text == "nearest")
        return Interpolation::Nearest;
    if (text == "bicubic")
        return Interpolation::Bicubic;
    throw Error(where + ": unknown interpolation \"" + text + "\"");
}

struct ClassList {
    std::vector<std::string> names;
    std::vector<std::string> ids;
};

/// One class a line: "name", "id<TAB>name" or "index<TAB>id<TAB>name" (the
/// layout of resources/imagenet/imagenet-classes.tsv); every line alike.
ClassList readLabelsFile(const fs::path& path, const std::string& where)
{
    std::istringstream lines(readFileBytes(path));
    ClassList classes;
    std::size_t columns = 0;
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, '\t');)
            fields.push_back(cell);
        const std::string lineName = "line " + std::to_string(classes.names.size() + 1);
        if (columns == 0)
            columns = fields.size();
        if (fields.size() != columns || columns > 3)
            throw Error(where + ": labels file '" + path.filename().u8string() + "' " + lineName +
                        " does not have the same tab-separated columns as the first");
        if (columns == 3 && fields[0] != std::to_string(classes.names.size()))
            throw Error(where + ": labels file '" + path.filename().u8string() + "' " + lineName +
                        " should start with index " + std::to_string(classes.names.size()));
        classes.names.push_back(fields.back());
        if (columns > 1)
            classes.ids.push_back(fields[columns - 2]);
    }
    if (classes.names.empty())
        throw Error(where + ": labels file '" + path.u8string() + "' has no class names");
    return classes;
}

TrainingRecord parseTraining(const json& t, const std::string& where)
{
    TrainingRecord r;
    r.dataset = optionalField<std::string>(t, "dataset", r.dataset, where);
    r.recipe = optionalField<std::string>(t, "recipe", r.recipe, where);
    r.epochs = optionalField<int>(t, "epochs", 0, where);
    r.batchSize = optionalField<int>(t, "batch_size", 0, where);
    r.learningRate = optionalField<double>(t, "learning_rate", 0.0, where);
    r.schedule = optionalField<std::string>(t, "schedule", "", where);
    r.augmentation = optionalField<std::string>(t, "augmentation", "", where);
    r.seed = optionalField<std::uint64_t>(t, "seed", 0, where);
    r.trainImages = optionalField<std::int64_t>(t, "train_images", 0, where);
    r.adversarialEpsilon = optionalField<double>(t, "adversarial_epsilon", 0.0, where);
    r.adversarialSteps = optionalField<int>(t, "adversarial_steps", 0, where);
    r.reference = optionalField<std::string>(t, "reference", "", where);
    if (t.contains("deep_defense")) {
        const json& dd = field<json>(t, "deep_defense", where);
        r.deepDefenseLambda = optionalField<double>(dd, "lambda", 0.0, where);
        r.deepDefenseC = optionalField<double>(dd, "c", 0.0, where);
        r.deepDefenseD = optionalField<double>(dd, "d", 0.0, where);
        r.deepFoolIterations = optionalField<int>(dd, "deepfool_iterations", 0, where);
        r.deepFoolCandidates = optionalField<std::int64_t>(dd, "candidates", 0, where);
        r.deepFoolOvershoot = optionalField<double>(dd, "overshoot", 0.0, where);
    }
    r.seconds = optionalField<double>(t, "seconds", 0.0, where);
    r.threads = optionalField<int>(t, "threads", 0, where);
    return r;
}

/// "output_subset": {"name": "imagenet-a", "indices": [6, 11, …]}: columns of
/// the raw output, one per class name, strictly increasing as the benchmarks'
/// indices_in_1k are.
void parseOutputSubset(const json& subset, ModelMetadata& m, const std::string& where)
{
    const std::string inSubset = where + " output_subset";
    m.outputSubset = optionalField<std::string>(subset, "name", "", inSubset);
    m.outputIndices = field<std::vector<std::int64_t>>(subset, "indices", inSubset);
    if (m.outputIndices.size() != m.classNames.size())
        throw Error(inSubset + ": needs one index per class (" + std::to_string(m.outputIndices.size()) + " indices, " +
                    std::to_string(m.classNames.size()) + " classes)");
    for (std::size_t i = 0; i < m.outputIndices.size(); ++i)
        if (m.outputIndices[i] < 0 || (i > 0 && m.outputIndices[i] <= m.outputIndices[i - 1]))
            throw Error(inSubset + ": indices must be non-negative and increasing (index " + std::to_string(i) +
                        " is " + std::to_string(m.outputIndices[i]) + ")");
}

ModelMetadata parseMetadata(const std::string& text, const fs::path& folder, bool allowEnsemble);

/// A "kind": "ensemble" sidecar: its "members" (metadata files relative to
/// `folder`, at least one), with the first member's input, classes and
/// pre-processing. A member is a model, not another ensemble: a cycle of
/// sidecars could not end.
ModelMetadata parseEnsemble(const json& root, ModelMetadata m, const fs::path& folder, const std::string& where)
{
    for (const std::string& member : field<std::vector<std::string>>(root, "members", where))
        m.members.push_back(folder / fs::u8path(member));
    if (m.members.empty())
        throw Error(where + ": an ensemble needs at least one model in \"members\"");
    m.architecture = optionalField<std::string>(root, "architecture", "ensemble in logits", where);
    const fs::path& first = m.members.front();
    std::error_code error;
    if (!fs::is_regular_file(first, error))
        throw Error(where + ": ensemble member '" + first.u8string() + "' is not a file");
    ModelMetadata head;
    try {
        head = parseMetadata(readFileBytes(first), first.parent_path(), /*allowEnsemble=*/false);
    } catch (const Error& e) {
        throw Error(where + ": ensemble member '" + first.filename().u8string() + "': " + e.what());
    }
    m.input = head.input;
    // Each member normalises itself and selects its own output subset.
    m.mean.assign(static_cast<std::size_t>(m.input.channels), 0.f);
    m.std.assign(static_cast<std::size_t>(m.input.channels), 1.f);
    m.classNames = head.classNames;
    m.classIds = head.classIds;
    m.preprocess = head.preprocess;
    if (root.contains("clean_accuracy"))
        m.cleanAccuracy = field<double>(root, "clean_accuracy", where);
    if (root.contains("evaluated_images"))
        m.evaluatedImages = field<std::int64_t>(root, "evaluated_images", where);
    return m;
}

ModelMetadata parseMetadata(const std::string& text, const fs::path& folder, bool allowEnsemble)
{
    const std::string where = "model metadata";
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        throw Error(where + " is not valid JSON (byte " + std::to_string(e.byte) + ")");
    } catch (const json::exception& e) { // e.g. a number beyond double's range (1e400)
        throw Error(where + " is not valid JSON: " + firstLine(e.what()));
    }
    if (!root.is_object())
        throw Error(where + " must be a JSON object");
    const auto format = optionalField<std::string>(root, "format", kFormat, where);
    if (format != kFormat)
        throw Error(where + ": unsupported format \"" + format + "\" (expected " + kFormat + ")");

    ModelMetadata m;
    m.name = field<std::string>(root, "name", where);
    m.kind = parseKind(field<std::string>(root, "kind", where), where);
    if (m.kind == ModelKind::Ensemble) {
        if (!allowEnsemble)
            throw Error(where + ": an ensemble's member must be a model, not another ensemble");
        return parseEnsemble(root, std::move(m), folder, where);
    }
    m.architecture = optionalField<std::string>(root, "architecture", "", where);
    if (m.kind == ModelKind::Native && m.architecture.empty())
        throw Error(where + ": native models need an \"architecture\"");
    m.weights = folder / fs::u8path(field<std::string>(root, "weights", where));

    const json input = field<json>(root, "input", where);
    m.input.channels = field<int>(input, "channels", where + " input");
    m.input.height = field<int>(input, "height", where + " input");
    m.input.width = field<int>(input, "width", where + " input");
    if (m.input.channels != 1 && m.input.channels != 3)
        throw Error(where + ": input channels must be 1 or 3");
    if (m.input.height < 1 || m.input.width < 1 || m.input.height > 4096 || m.input.width > 4096)
        throw Error(where + ": input height and width must be between 1 and 4096");

    const auto channels = static_cast<std::size_t>(m.input.channels);
    m.mean = optionalField<std::vector<float>>(root, "mean", std::vector<float>(channels, 0.f), where);
    m.std = optionalField<std::vector<float>>(root, "std", std::vector<float>(channels, 1.f), where);
    if (m.mean.size() != channels || m.std.size() != channels)
        throw Error(where + ": \"mean\" and \"std\" need one value per input channel");
    for (float s : m.std)
        if (!(s > 0.f) || !std::isfinite(s))
            throw Error(where + ": every \"std\" value must be positive");

    if (root.contains("classes")) {
        m.classNames = field<std::vector<std::string>>(root, "classes", where);
    } else if (root.contains("labels_file")) {
        ClassList classes = readLabelsFile(folder / fs::u8path(field<std::string>(root, "labels_file", where)), where);
        m.classNames = std::move(classes.names);
        m.classIds = std::move(classes.ids);
    } else {
        throw Error(where + ": needs \"classes\" or \"labels_file\"");
    }
    if (root.contains("class_ids"))
        m.classIds = field<std::vector<std::string>>(root, "class_ids", where);
    if (m.classNames.size() < 2)
        throw Error(where + ": a classifier needs at least two classes");
    if (!m.classIds.empty() && m.classIds.size() != m.classNames.size())
        throw Error(where + ": \"class_ids\" needs one id per class (" + std::to_string(m.classIds.size()) + " ids, " +
                    std::to_string(m.classNames.size()) + " classes)");
    if (root.contains("output_subset"))
        parseOutputSubset(field<json>(root, "output_subset", where), m, where);

    if (root.contains("preprocess")) {
        const json p = field<json>(root, "preprocess", where);
        m.preprocess.resize = parseResize(optionalField<std::string>(p, "resize", "stretch", where), where);
        m.preprocess.resizeShorterSide = optionalField<int>(p, "resize_shorter_side", 0, where);
        m.preprocess.interpolation =
            parseInterpolation(optionalField<std::string>(p, "interpolation", "bilinear", where), where);
        m.preprocess.antialias = optionalField<bool>(p, "antialias", false, where);
    }
    if (root.contains("training"))
        m.training = parseTraining(field<json>(root, "training", where), where);
    if (root.contains("clean_accuracy"))
        m.cleanAccuracy = field<double>(root, "clean_accuracy", where);
    if (root.contains("evaluated_images"))
        m.evaluatedImages = field<std::int64_t>(root, "evaluated_images", where);
    return m;
}

} // namespace

ModelMetadata parseModelMetadata(const std::string& text, const fs::path& folder)
{
    return parseMetadata(text, folder, /*allowEnsemble=*/true);
}

ModelMetadata readModelMetadata(const fs::path& jsonPath)
{
    const std::string text = readFileBytes(jsonPath);
    try {
        return parseModelMetadata(text, jsonPath.parent_path());
    } catch (const Error& e) {
        throw Error("'" + jsonPath.filename().u8string() + "': " + e.what());
    }
}

void writeModelMetadata(const ModelMetadata& m, const fs::path& jsonPath)
{
    json root;
    root["format"] = kFormat;
    root["name"] = m.name;
    root["kind"] = toString(m.kind);
    if (!m.architecture.empty())
        root["architecture"] = m.architecture;
    const fs::path folder = jsonPath.parent_path();
    const auto relativeToFolder = [&folder](fs::path file) {
        if (file.is_absolute() && !folder.empty()) {
            const fs::path relative = file.lexically_relative(fs::absolute(folder));
            if (!relative.empty() && relative.begin()->u8string() != "..")
                file = relative;
        }
        return file.u8string();
    };
    if (m.kind == ModelKind::Ensemble) {
        // The members say the rest (input, classes, pre-processing).
        json members = json::array();
        for (const fs::path& member : m.members)
            members.push_back(relativeToFolder(fs::absolute(member)));
        root["members"] = members;
        if (m.cleanAccuracy)
            root["clean_accuracy"] = *m.cleanAccuracy;
        if (m.evaluatedImages)
            root["evaluated_images"] = *m.evaluatedImages;
        writeFileAtomically(jsonPath, root.dump(2) + "\n");
        return;
    }
    root["weights"] = relativeToFolder(m.weights);
    root["input"] = {{"channels", m.input.channels}, {"height", m.input.height}, {"width", m.input.width}};
    root["mean"] = m.mean;
    root["std"] = m.std;
    root["classes"] = m.classNames;
    if (!m.classIds.empty())
        root["class_ids"] = m.classIds;
    if (!m.outputIndices.empty())
        root["output_subset"] = {{"name", m.outputSubset}, {"indices", m.outputIndices}};
    root["preprocess"] = {{"resize", toString(m.preprocess.resize)},
                          {"resize_shorter_side", m.preprocess.resizeShorterSide},
                          {"interpolation", toString(m.preprocess.interpolation)},
                          {"antialias", m.preprocess.antialias}};
    if (m.training) {
        const TrainingRecord& t = *m.training;
        root["training"] = {{"dataset", t.dataset},
                            {"recipe", t.recipe},
                            {"epochs", t.epochs},
                            {"batch_size", t.batchSize},
                            {"learning_rate", t.learningRate},
                            {"schedule", t.schedule},
                            {"augmentation", t.augmentation},
                            {"seed", t.seed},
                            {"train_images", t.trainImages},
                            {"adversarial_epsilon", t.adversarialEpsilon},
                            {"adversarial_steps", t.adversarialSteps},
                            {"seconds", t.seconds},
                            {"threads", t.threads}};
        if (!t.reference.empty())
            root["training"]["reference"] = t.reference;
        if (t.recipe == "deepdefense")
            root["training"]["deep_defense"] = {{"lambda", t.deepDefenseLambda},
                                                {"c", t.deepDefenseC},
                                                {"d", t.deepDefenseD},
                                                {"deepfool_iterations", t.deepFoolIterations},
                                                {"candidates", t.deepFoolCandidates},
                                                {"overshoot", t.deepFoolOvershoot}};
    }
    if (m.cleanAccuracy)
        root["clean_accuracy"] = *m.cleanAccuracy;
    if (m.evaluatedImages)
        root["evaluated_images"] = *m.evaluatedImages;
    writeFileAtomically(jsonPath, root.dump(2) + "\n");
}

std::string toString(ModelKind kind)
{
    switch (kind) {
    case ModelKind::Native:
        return "native";
    case ModelKind::TorchScript:
        return "torchscript";
    case ModelKind::Onnx:
        return "onnx";
    case ModelKind::Ensemble:
        return "ensemble";
    }
    return "native"; // unreachable: every kind is named above
}

std::string toString(ResizeMode mode)
{
    return mode == ResizeMode::Stretch ? "stretch" : "shorter-side-center-crop";
}

std::string toString(Interpolation interpolation)
{
    switch (interpolation) {
    case Interpolation::Bilinear:
        return "bilinear";
    case Interpolation::Area:
        return "area";
    case Interpolation::Nearest:
        return "nearest";
    case Interpolation::Bicubic:
        return "bicubic";
    }
    return "bilinear";
}

} // namespace advlens::core
