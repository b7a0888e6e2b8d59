using System.Text.RegularExpressions;
using SupportShield.Detection.Entities;

namespace SupportShield.Detection.Rules;

/// <summary>A term that is always a finding (<c>deny</c>): a literal (case-insensitive, whole words) or an expression.</summary>
/// <param name="Id">Stable id, given to its findings as their rule id.</param>
/// <param name="Type">The entity type of its findings.</param>
/// <param name="Literal">The exact term, or null when <paramref name="Regex"/> is set.</param>
/// <param name="Regex">The expression, or null when <paramref name="Literal"/> is set.</param>
/// <param name="Score">Score of its findings (default 1).</param>
public sealed record DenyRule(string Id, EntityType Type, string? Literal, Regex? Regex, double Score);
