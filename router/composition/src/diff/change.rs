//! What the diff reports: one [`Change`] per difference, with a severity, a stable code, the
//! schema coordinate it happened at and a sentence a service team can read in CI.

use std::fmt;

use serde::Serialize;

/// How a change affects clients that already exist. Ordered from worst to harmless, so
/// sorting puts breaking changes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Operations that validate today stop validating, or a client gets a response it
    /// cannot read (a null where it was promised none).
    Breaking,
    /// Existing operations still validate but may see values they do not expect (a new enum
    /// value, union member or default).
    Dangerous,
    /// Existing clients cannot notice.
    Safe,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Dangerous => "dangerous",
            Severity::Safe => "safe",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! change_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)*) => {
        /// The kind of change: Apollo's schema-check codes where Apollo has one, graphql-js'
        /// otherwise. A code names what changed; where the direction decides the severity
        /// (a type change that only narrows an output is safe) the same code carries
        /// different severities.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ChangeCode {
            $($(#[$doc])* $variant,)*
        }

        impl ChangeCode {
            /// The stable code, e.g. `FIELD_REMOVED`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ChangeCode::$variant => $code,)*
                }
            }
        }
    };
}

change_codes! {
    TypeAdded => "TYPE_ADDED",
    TypeRemoved => "TYPE_REMOVED",
    TypeChangedKind => "TYPE_CHANGED_KIND",
    TypeDescriptionChange => "TYPE_DESCRIPTION_CHANGE",
    RootTypeChanged => "ROOT_TYPE_CHANGED",
    FieldAdded => "FIELD_ADDED",
    FieldRemoved => "FIELD_REMOVED",
    FieldChangedType => "FIELD_CHANGED_TYPE",
    FieldDescriptionChange => "FIELD_DESCRIPTION_CHANGE",
    FieldDeprecated => "FIELD_DEPRECATED",
    FieldDeprecationRemoved => "FIELD_DEPRECATION_REMOVED",
    FieldDeprecatedReasonChange => "FIELD_DEPRECATED_REASON_CHANGE",
    RequiredArgAdded => "REQUIRED_ARG_ADDED",
    OptionalArgAdded => "OPTIONAL_ARG_ADDED",
    ArgRemoved => "ARG_REMOVED",
    ArgChangedType => "ARG_CHANGED_TYPE",
    ArgDefaultValueChange => "ARG_DEFAULT_VALUE_CHANGE",
    ArgDescriptionChange => "ARG_DESCRIPTION_CHANGE",
    ArgDeprecated => "ARG_DEPRECATED",
    ArgDeprecationRemoved => "ARG_DEPRECATION_REMOVED",
    ArgDeprecatedReasonChange => "ARG_DEPRECATED_REASON_CHANGE",
    RequiredInputFieldAdded => "REQUIRED_INPUT_FIELD_ADDED",
    OptionalInputFieldAdded => "OPTIONAL_INPUT_FIELD_ADDED",
    FieldRemovedFromInputObject => "FIELD_REMOVED_FROM_INPUT_OBJECT",
    InputFieldChangedType => "INPUT_FIELD_CHANGED_TYPE",
    InputFieldDefaultValueChange => "INPUT_FIELD_DEFAULT_VALUE_CHANGE",
    InputFieldDescriptionChange => "INPUT_FIELD_DESCRIPTION_CHANGE",
    InputFieldDeprecated => "INPUT_FIELD_DEPRECATED",
    InputFieldDeprecationRemoved => "INPUT_FIELD_DEPRECATION_REMOVED",
    InputFieldDeprecatedReasonChange => "INPUT_FIELD_DEPRECATED_REASON_CHANGE",
    InputObjectOneOfChange => "INPUT_OBJECT_ONE_OF_CHANGE",
    ValueAddedToEnum => "VALUE_ADDED_TO_ENUM",
    ValueRemovedFromEnum => "VALUE_REMOVED_FROM_ENUM",
    EnumValueDescriptionChange => "ENUM_VALUE_DESCRIPTION_CHANGE",
    EnumValueDeprecated => "ENUM_VALUE_DEPRECATED",
    EnumValueDeprecationRemoved => "ENUM_VALUE_DEPRECATION_REMOVED",
    EnumValueDeprecatedReasonChange => "ENUM_VALUE_DEPRECATED_REASON_CHANGE",
    TypeAddedToUnion => "TYPE_ADDED_TO_UNION",
    TypeRemovedFromUnion => "TYPE_REMOVED_FROM_UNION",
    TypeAddedToInterface => "TYPE_ADDED_TO_INTERFACE",
    TypeRemovedFromInterface => "TYPE_REMOVED_FROM_INTERFACE",
    DirectiveAdded => "DIRECTIVE_ADDED",
    DirectiveRemoved => "DIRECTIVE_REMOVED",
    DirectiveDescriptionChange => "DIRECTIVE_DESCRIPTION_CHANGE",
    DirectiveLocationAdded => "DIRECTIVE_LOCATION_ADDED",
    DirectiveLocationRemoved => "DIRECTIVE_LOCATION_REMOVED",
    DirectiveRepeatableAdded => "DIRECTIVE_REPEATABLE_ADDED",
    DirectiveRepeatableRemoved => "DIRECTIVE_REPEATABLE_REMOVED",
    RequiredDirectiveArgAdded => "REQUIRED_DIRECTIVE_ARG_ADDED",
    OptionalDirectiveArgAdded => "OPTIONAL_DIRECTIVE_ARG_ADDED",
    DirectiveArgRemoved => "DIRECTIVE_ARG_REMOVED",
    DirectiveArgChangedType => "DIRECTIVE_ARG_CHANGED_TYPE",
    DirectiveArgDefaultValueChange => "DIRECTIVE_ARG_DEFAULT_VALUE_CHANGE",
}

impl fmt::Display for ChangeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ChangeCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One difference between two API schemas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub severity: Severity,
    pub code: ChangeCode,
    /// The schema coordinate of the changed element: `Type`, `Type.field`,
    /// `Type.field(arg:)`, `Enum.VALUE`, `@directive`, `@directive(arg:)`.
    pub coordinate: String,
    pub message: String,
}

impl Change {
    pub(crate) fn new(
        severity: Severity,
        code: ChangeCode,
        coordinate: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity,
            code,
            coordinate: coordinate.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, self.coordinate, self.message
        )
    }
}
