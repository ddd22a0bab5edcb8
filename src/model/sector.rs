use super::labels::labelled_enum;

labelled_enum! {
    /// The industry a coalition works on: the seven Mission Possible
    /// Partnership sectors, or another one.
    pub enum Sector {
        Shipping => "Shipping",
        Aviation => "Aviation",
        RoadFreight => "Road freight",
        Aluminium => "Aluminium",
        Cement => "Cement & concrete",
        Chemicals => "Chemicals",
        IronSteel => "Iron & steel",
        Other => "Other",
    }
}
