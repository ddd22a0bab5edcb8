//! A small macro for the closed lists of the model (categories, kinds,
//! statuses…): each gets `ALL` in display order and a human label, so menus,
//! filters and legends list them the same way everywhere.

/// Defines a fieldless enum with `ALL` (in the order given) and `label()`.
macro_rules! labelled_enum {
    (
        $(#[$doc:meta])*
        pub enum $name:ident {
            $( $(#[$vdoc:meta])* $variant:ident => $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        impl $name {
            /// Every value, in the order the app lists them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The label a user reads.
            pub fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label ),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

pub(crate) use labelled_enum;
